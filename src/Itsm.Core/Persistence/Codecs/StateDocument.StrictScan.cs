using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace Itsm.Persistence;

// Reading the text without Utf8JsonReader when it is in the plain form the codecs write: the same table, in about half the time.
internal sealed partial class StateDocument
{
    // Well below Utf8JsonReader's default limit of 64, so a document the reader would refuse for its depth is never taken here.
    private const int StrictMaxDepth = 48;

    /// <summary>
    /// Records the document as <see cref="ScanDocument"/> does, reading the bytes directly, when they are in the form
    /// the state writers produce: JSON without escaped property names, names and values as JSON's grammar has them
    /// (whitespace allowed between tokens, escapes in string values checked as the reader checks them). Anything else,
    /// valid or not, makes it give up (false) before recording anything the reader would not: the caller then clears the
    /// table and reads the text with <see cref="Utf8JsonReader"/>, which records the rarer forms and gives the errors.
    /// </summary>
    /// <remarks>
    /// Every document this accepts, Utf8JsonReader accepts too, with the same entries (names, kinds, where each value's
    /// bytes are, members, parents and name hashes); the tests compare both on generated and mutated texts.
    /// </remarks>
    private bool TryScanStrict(int length)
    {
        var text = _utf8.AsSpan(0, length);
        int pos = SkipWhitespace(text, 0);
        if (pos >= text.Length || text[pos] != (byte)'{')
        {
            return false;
        }

        pos++;
        _stageCount = 0;
        int depth = 0;
        _frames[0] = new Frame { StageStart = 0, Owner = -1, IsArray = false };

    ContainerStart:
        pos = SkipWhitespace(text, pos);
        if (pos >= text.Length)
        {
            return false;
        }

        if (text[pos] == (_frames[depth].IsArray ? (byte)']' : (byte)'}'))
        {
            goto Close;
        }

    Member:
        {
            ref var frame = ref _frames[depth];
            int index = StageAdd();
            ref var e = ref _stage[index];
            e.MembersStart = -1;
            if (!frame.IsArray)
            {
                // A name: a plain string (an escaped one is left to the reader, which unescapes it), then a colon.
                if (pos >= text.Length || text[pos] != (byte)'"')
                {
                    return false;
                }

                int nameStart = pos + 1;
                int nameEnd = PlainRunEnd(text, nameStart);
                if (nameEnd >= text.Length || text[nameEnd] != (byte)'"')
                {
                    return false;
                }

                int nameLength = nameEnd - nameStart;

                e.NameStart = nameStart;
                e.NameLength = nameLength;
                e.NameHash = HashOf(text.Slice(nameStart, nameLength));
                pos = SkipWhitespace(text, nameStart + nameLength + 1);
                if (pos >= text.Length || text[pos] != (byte)':')
                {
                    return false;
                }

                pos = SkipWhitespace(text, pos + 1);
                if (pos >= text.Length)
                {
                    return false;
                }
            }

            switch (text[pos])
            {
                case (byte)'"':
                    {
                        int end = StringEnd(text, pos + 1, out bool escaped);
                        if (end < 0)
                        {
                            return false;
                        }

                        e.Kind = JsonTokenType.String;
                        e.ValueStart = pos + 1;
                        e.ValueLength = end - (pos + 1);
                        e.ValueEscaped = escaped;
                        pos = end + 1;
                        break;
                    }

                case (byte)'{' or (byte)'[':
                    e.Kind = text[pos] == (byte)'{' ? JsonTokenType.StartObject : JsonTokenType.StartArray;
                    e.ValueStart = pos;
                    if (++depth == StrictMaxDepth)
                    {
                        return false;
                    }

                    if (depth == _frames.Length)
                    {
                        Array.Resize(ref _frames, _frames.Length * 2);
                    }

                    _frames[depth] = new Frame { StageStart = _stageCount, Owner = index, IsArray = e.Kind == JsonTokenType.StartArray };
                    pos++;
                    goto ContainerStart;

                case (byte)'t':
                    if (!text[pos..].StartsWith("true"u8))
                    {
                        return false;
                    }

                    e.Kind = JsonTokenType.True;
                    pos += 4;
                    break;

                case (byte)'f':
                    if (!text[pos..].StartsWith("false"u8))
                    {
                        return false;
                    }

                    e.Kind = JsonTokenType.False;
                    pos += 5;
                    break;

                case (byte)'n':
                    if (!text[pos..].StartsWith("null"u8))
                    {
                        return false;
                    }

                    e.Kind = JsonTokenType.Null;
                    pos += 4;
                    break;

                default:
                    {
                        int end = NumberEnd(text, pos);
                        if (end < 0)
                        {
                            return false;
                        }

                        e.Kind = JsonTokenType.Number;
                        e.ValueStart = pos;
                        e.ValueLength = end - pos;
                        pos = end;
                        break;
                    }
            }
        }

    AfterValue:
        // A value must be followed by a comma and another member, or by its container's end (so "1x", "truex" and
        // "[1,]" are left to the reader, which refuses them).
        pos = SkipWhitespace(text, pos);
        if (pos >= text.Length)
        {
            return false;
        }

        if (text[pos] == (byte)',')
        {
            pos = SkipWhitespace(text, pos + 1);
            if (pos >= text.Length || text[pos] is (byte)'}' or (byte)']')
            {
                return false;
            }

            goto Member;
        }

        if (text[pos] != (_frames[depth].IsArray ? (byte)']' : (byte)'}'))
        {
            return false;
        }

    Close:
        pos++;
        if (CloseContainer(depth, pos))
        {
            // The root is closed: only whitespace may follow.
            return SkipWhitespace(text, pos) == text.Length;
        }

        depth--;
        goto AfterValue;
    }

    /// <summary>Undoes a <see cref="TryScanStrict"/> that gave up: the table back to the root entry alone, the stage empty.</summary>
    private void ClearScan()
    {
        Array.Clear(_entries, Root + 1, _count - (Root + 1));
        _count = Root + 1;
        _entries[Root].MembersStart = -1;
        _entries[Root].MembersCount = 0;
        Array.Clear(_stage, 0, _stageCount);
        _stageCount = 0;
    }

    /// <summary>Where the run of string content without quotes, escapes and control characters that starts at <paramref name="pos"/> ends (the text's length if it does not).</summary>
    private static int PlainRunEnd(ReadOnlySpan<byte> text, int pos)
    {
        // Names and values are mostly shorter than 16 bytes: one vector comparison finds the end of most of them,
        // where a search set up for long runs (IndexOfAny) costs more than it saves.
        if (Vector128.IsHardwareAccelerated)
        {
            ref byte start = ref MemoryMarshal.GetReference(text);
            for (; pos <= text.Length - Vector128<byte>.Count; pos += Vector128<byte>.Count)
            {
                var bytes = Vector128.LoadUnsafe(ref start, (nuint)pos);
                var stops = Vector128.Equals(bytes, Vector128.Create((byte)'"'))
                    | Vector128.Equals(bytes, Vector128.Create((byte)'\\'))
                    | Vector128.LessThan(bytes, Vector128.Create((byte)0x20));
                uint found = stops.ExtractMostSignificantBits();
                if (found != 0)
                {
                    return pos + System.Numerics.BitOperations.TrailingZeroCount(found);
                }
            }
        }

        // The last few bytes of the text (or every byte where vectors are not accelerated).
        for (; pos < text.Length; pos++)
        {
            byte b = text[pos];
            if (b < 0x20 || b == (byte)'"' || b == (byte)'\\')
            {
                return pos;
            }
        }

        return pos;
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> text, int pos)
    {
        while (pos < text.Length && text[pos] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            pos++;
        }

        return pos;
    }

    /// <summary>
    /// Where the string whose content starts at <paramref name="start"/> has its closing quote, or -1 for a control
    /// character, an unterminated string or an escape the reader would refuse (<c>\"</c>, <c>\\</c>, <c>\/</c>,
    /// <c>\b</c>, <c>\f</c>, <c>\n</c>, <c>\r</c>, <c>\t</c> and <c>\u</c> with four hex digits are JSON's escapes).
    /// </summary>
    private static int StringEnd(ReadOnlySpan<byte> text, int start, out bool escaped)
    {
        escaped = false;
        int pos = start;
        while (true)
        {
            pos = PlainRunEnd(text, pos);
            if (pos >= text.Length)
            {
                return -1;
            }

            byte stop = text[pos];
            if (stop == (byte)'"')
            {
                return pos;
            }

            if (stop != (byte)'\\' || pos + 1 >= text.Length)
            {
                return -1;
            }

            escaped = true;
            switch (text[pos + 1])
            {
                case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                    pos += 2;
                    break;
                case (byte)'u':
                    if (pos + 6 > text.Length || !IsHex(text[pos + 2]) || !IsHex(text[pos + 3]) || !IsHex(text[pos + 4]) || !IsHex(text[pos + 5]))
                    {
                        return -1;
                    }

                    pos += 6;
                    break;
                default:
                    return -1;
            }
        }
    }

    private static bool IsHex(byte b) => (uint)(b - '0') <= 9 || (uint)((b | 0x20) - 'a') <= 'f' - 'a';

    /// <summary>The end of the number starting at <paramref name="pos"/> as JSON's grammar has it (<c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>), or -1.</summary>
    private static int NumberEnd(ReadOnlySpan<byte> text, int pos)
    {
        if (pos < text.Length && text[pos] == (byte)'-')
        {
            pos++;
        }

        if (pos >= text.Length || !IsDigit(text[pos]))
        {
            return -1;
        }

        if (text[pos] == (byte)'0')
        {
            pos++;
        }
        else
        {
            pos = DigitsEnd(text, pos);
        }

        if (pos < text.Length && text[pos] == (byte)'.')
        {
            if (pos + 1 >= text.Length || !IsDigit(text[pos + 1]))
            {
                return -1;
            }

            pos = DigitsEnd(text, pos + 1);
        }

        if (pos < text.Length && (text[pos] | 0x20) == (byte)'e')
        {
            pos++;
            if (pos < text.Length && text[pos] is (byte)'+' or (byte)'-')
            {
                pos++;
            }

            if (pos >= text.Length || !IsDigit(text[pos]))
            {
                return -1;
            }

            pos = DigitsEnd(text, pos);
        }

        return pos;
    }

    private static int DigitsEnd(ReadOnlySpan<byte> text, int pos)
    {
        while (pos < text.Length && IsDigit(text[pos]))
        {
            pos++;
        }

        return pos;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}

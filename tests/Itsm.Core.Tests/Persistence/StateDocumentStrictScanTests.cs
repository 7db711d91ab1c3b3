using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Persistence;

namespace Itsm.Core.Tests.Persistence;

/// <summary>
/// The strict scan of <see cref="StateDocument"/> (text in the writers' form read without Utf8JsonReader) against
/// the reader it stands in for: on any text, valid or not, in the writers' form or not, both record the same table or
/// both refuse the text with the same error; and the states the codecs write are read by the strict scan.
/// </summary>
public sealed class StateDocumentStrictScanTests
{
    /// <summary>A generated text, shown as readable bytes when a property fails.</summary>
    public sealed record Text(byte[] Bytes)
    {
        /// <inheritdoc/>
        public override string ToString() => Encoding.UTF8.GetString(Bytes).Replace("\u001b", "\\e", StringComparison.Ordinal);
    }

    private static readonly string[] Numbers =
    [
        "0", "-0", "7", "12", "-7", "1.5", "-0.25", "1e10", "1E+2", "2.5e-3", "9223372036854775808", "1.0e0", "123456789012345678901234567890",
        "01", "1.", "-", ".5", "1e", "1e+", "+1", "00", "-01", "0x10", "1.e5", "--1", "1..2", "NaN", "Infinity",
    ];

    // The first of each list are valid JSON; the rest are not.
    private const int ValidNumbers = 13;
    private const int ValidWhitespace = 7;
    private const int PlainPieces = 21;
    private const int ValidPieces = 35;

    private static readonly string[] Literals = ["true", "false", "null", "tru", "nul", "True", "NULL", "fals", "nulll"];

    private static readonly byte[][] Whitespace = [[], [], [], [(byte)' '], [(byte)'\n'], [(byte)'\t'], [(byte)'\r', (byte)'\n', (byte)' ', (byte)' '], [0x0C], [0x0B], [0xC2, 0xA0]];

    // String content: plain ASCII, UTF-8, invalid UTF-8, JSON's escapes (some surrogates lone), escapes JSON does not have, raw control characters.
    private static readonly byte[][] StringPieces =
    [
        .. new[] { "a", "Z", "7", " ", "-", "/", "é", "€", "😀", "<&'+", "{", "}", "[", "]", ",", ":" }.Select(Encoding.UTF8.GetBytes),
        [0xFF], [0x80], [0xC3], [0xED, 0xA0, 0x80], [0x7F],
        .. new[] { "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u00e9", "\\u00E9", "\\uD83D\\uDE00", "\\uD800", "\\uDC00x", "\\u0000" }.Select(Encoding.ASCII.GetBytes),
        .. new[] { "\\x", "\\u12", "\\u12G4", "\\U0041", "\\", "\\a", "\\0", "\\'" }.Select(Encoding.ASCII.GetBytes),
        [0x01], [0x0A], [0x09], [0x1F], [0x00],
    ];

    // Bytes a mutation puts in: JSON's punctuation, the start of every token, and bytes that are never JSON.
    private static readonly byte[] Mutations = Encoding.UTF8.GetBytes("\"{}[],:\\ -+0123456789eE.tfnurlsax\n").Concat(new byte[] { 0x00, 0x01, 0x7F, 0xC3, 0xFF }).ToArray();

    /// <summary>An incident's state as the codec writes it.</summary>
    private const string IncidentState =
        """{"v":1,"state":"OnHold","onHoldReason":"AwaitingVendor","callerId":"carl","shortDescription":"E-mail is down for the third floor","service":"email","offering":null,"configurationItems":[],"supplier":null,"onHoldSupplier":null,"impact":"High","urgency":"Medium","priority":2,"assignmentGroup":"Network","assignedTo":"net.ops","escalationLevel":0,"isMajor":false,"parentId":null,"hasPostIncidentReview":false,"causedByChange":null,"relatedProblem":null,"resolutionCode":null,"resolutionNotes":"line one\nline \"two\"","openedAt":"2026-03-10T09:00:00.123456789Z","createdAt":"2026-03-10T09:00:00.123456789Z","resolvedAt":null,"sla":{"openedAt":null,"lastAt":null,"tracks":[],"crossed":[]},"journal":{"workNotes":0,"comments":0,"timeEntries":0,"timeWorkedSeconds":0}}""";

    private static Arbitrary<Text> Texts() =>
        Gen.Choose(0, int.MaxValue).Select(seed => new Text(RandomText(new Random(seed)))).ToArbitrary();

    [Property(MaxTest = 3000)]
    public Property Any_text_gives_the_readers_table_or_the_readers_error() =>
        Prop.ForAll(Texts(), text => SameAsReader(text.Bytes));

    [Fact]
    public void The_generated_texts_reach_both_paths_and_both_outcomes()
    {
        int strict = 0, reader = 0, refused = 0;
        var random = new Random(20261205);
        for (int i = 0; i < 3000; i++)
        {
            var bytes = RandomText(random);
            Assert.True(SameAsReader(bytes), Encoding.UTF8.GetString(bytes));
            switch (Outcome(bytes))
            {
                case true: strict++; break;
                case false: reader++; break;
                default: refused++; break;
            }
        }

        // The law above says little unless many texts are read strictly, many valid ones are not, and many are refused.
        Assert.True(strict > 600 && reader > 80 && refused > 600, $"strict {strict}, reader {reader}, refused {refused}");
    }

    [Theory]
    [InlineData(IncidentState)]
    [InlineData("{}")]
    [InlineData(" {\"v\" : 1 ,\n\t\"a\" : [ 1 , -2.5e+3 , true , false , null , \"\\u00e9\\n\" , { } , [ ] ] }\r\n")]
    [InlineData("{\"é\":\"ü\",\"a\":{\"b\":{\"c\":[[[]]]}}}")]
    public void Text_in_the_writers_form_is_read_strictly_with_the_readers_table(string json)
    {
        AssertReadStrictly(Encoding.UTF8.GetBytes(json));
    }

    [Theory]
    [InlineData("{\"\\u0061\":1}")] // an escaped name: left to the reader, which unescapes it
    [InlineData("{\"a\":1,\"a\":2}")] // valid JSON, refused afterwards for the duplicate, by either path
    [InlineData("{\"a\":[1,]}")]
    [InlineData("{\"a\":01}")]
    [InlineData("{\"a\":1}x")]
    [InlineData("{\"a\":\"\\x\"}")]
    [InlineData("{\"a\":\"\u0001\"}")]
    [InlineData("\uFEFF{\"a\":1}")]
    [InlineData("[1]")]
    [InlineData("{\"a\":truex}")]
    [InlineData("{\"a\" 1}")]
    [InlineData("{\"a\":1 \"b\":2}")]
    public void Other_text_is_left_to_the_reader(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.True(SameAsReader(bytes));
        Assert.NotEqual(true, Outcome(bytes));
    }

    [Theory]
    [InlineData(47, true)]
    [InlineData(48, false)]
    [InlineData(63, false)]
    [InlineData(64, null)] // the root and 64 arrays: past the reader's limit of 64
    public void Deep_nesting_is_left_to_the_reader_well_before_its_limit(int arrays, bool? outcome)
    {
        var bytes = Encoding.ASCII.GetBytes("{\"a\":" + new string('[', arrays) + new string(']', arrays) + "}");
        Assert.True(SameAsReader(bytes));
        Assert.Equal(outcome, Outcome(bytes));
    }

    /// <summary>Checks that a state a codec wrote is read by the strict scan, with the table the reader records.</summary>
    internal static void AssertReadStrictly(byte[] utf8)
    {
        var document = StateDocument.Open("Test", StateText.FromUtf8(utf8));
        try
        {
            Assert.True(document.ScannedStrictly, "not read strictly: " + Encoding.UTF8.GetString(utf8));
        }
        finally
        {
            document.Close();
        }

        Assert.True(SameAsReader(utf8));
    }

    /// <summary>Checks that a state a codec wrote is read by the strict scan, with the table the reader records.</summary>
    internal static void AssertReadStrictly(string json) => AssertReadStrictly(Encoding.UTF8.GetBytes(json));

    // True: read strictly; false: read by the reader; null: refused.
    private static bool? Outcome(byte[] bytes)
    {
        try
        {
            var document = StateDocument.Open("Test", StateText.FromUtf8(bytes));
            bool strict = document.ScannedStrictly;
            document.Close();
            return strict;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool SameAsReader(byte[] bytes)
    {
        var (strictTable, strictError) = Read(bytes, allowStrictScan: true);
        var (readerTable, readerError) = Read(bytes, allowStrictScan: false);
        return strictError is not null || readerError is not null
            ? strictError == readerError && strictTable is null && readerTable is null
            : strictTable!.SequenceEqual(readerTable!);
    }

    private static (StateDocument.Entry[]? Table, string? Error) Read(byte[] bytes, bool allowStrictScan)
    {
        StateDocument document;
        try
        {
            document = StateDocument.Open("Test", StateText.FromUtf8(bytes), allowStrictScan);
        }
        catch (JsonException e)
        {
            return (null, e.Message);
        }

        try
        {
            // Index every object, as codecs reading them do: the duplicate check and the slots are part of the table.
            var table = document.Table();
            for (int i = 0; i < table.Length; i++)
            {
                if (table[i].Kind == JsonTokenType.StartObject)
                {
                    document.Members(i);
                }
            }

            return (document.Table(), null);
        }
        catch (JsonException e)
        {
            return (null, e.Message);
        }
        finally
        {
            document.Close();
        }
    }

    /// <summary>
    /// A random JSON object with whitespace, escapes, numbers and depth, in the writers' form or not, and with no flaw
    /// (JSON), one flaw (a test of the scan's rule for it: with other flaws, an earlier one makes both refuse), or many;
    /// now and then damaged by edits at random places.
    /// </summary>
    private static byte[] RandomText(Random random)
    {
        var text = new List<byte>();
        if (random.Next(8) == 0)
        {
            text.AddRange(Encoding.UTF8.GetBytes(IncidentState));
        }
        else
        {
            var shape = new Shape(random, flaws: random.Next(20) switch { < 10 => 0, < 17 => 1, _ => int.MaxValue }, escapedNames: random.Next(3) == 0);
            shape.Space(text);
            shape.Value(text, depth: 0, root: true);
            shape.Space(text);
        }

        if (random.Next(5) == 0)
        {
            for (int edits = random.Next(1, 3); edits > 0 && text.Count > 0; edits--)
            {
                int at = random.Next(text.Count);
                if (random.Next(2) == 0)
                {
                    // Most damage where JSON's rules are: at a quote, a separator or a container's edge.
                    int punctuation = text.FindIndex(at, b => b is (byte)'"' or (byte)',' or (byte)':' or (byte)'{' or (byte)'}' or (byte)'[' or (byte)']');
                    at = punctuation < 0 ? at : punctuation;
                }

                switch (random.Next(4))
                {
                    case 0: text[at] = Mutations[random.Next(Mutations.Length)]; break;
                    case 1: text.Insert(at, Mutations[random.Next(Mutations.Length)]); break;
                    case 2: text.RemoveAt(at); break;
                    default: text.RemoveRange(at, text.Count - at); break;
                }
            }
        }

        return [.. text];
    }

    /// <summary>Writes random JSON, each flaw (a piece that is not JSON) taken now and then while any are left.</summary>
    private sealed class Shape(Random random, int flaws, bool escapedNames)
    {
        private int _flawsLeft = flaws;

        private bool Flaw()
        {
            if (_flawsLeft > 0 && random.Next(10) == 0)
            {
                _flawsLeft--;
                return true;
            }

            return false;
        }

        public void Value(List<byte> text, int depth, bool root = false)
        {
            int kind = root ? 0 : random.Next(depth < 4 ? 10 : 7);
            switch (kind)
            {
                case 0 or 7 or 8:
                    Container(text, depth, '{', '}', isObject: true);
                    break;
                case 9:
                    Container(text, depth, '[', ']', isObject: false);
                    break;
                case 1 or 2:
                    String(text, name: false);
                    break;
                case 3 or 4:
                    text.AddRange(Encoding.ASCII.GetBytes(Flaw() ? Numbers[random.Next(ValidNumbers, Numbers.Length)] : Numbers[random.Next(ValidNumbers)]));
                    break;
                case 5:
                    text.AddRange(Encoding.ASCII.GetBytes(Flaw() ? Literals[random.Next(3, Literals.Length)] : Literals[random.Next(3)]));
                    break;
                default:
                    // Now and then a run of nested arrays, around the depths where the scan and the reader give up.
                    int nest = random.Next(10) == 0 ? random.Next(40, 70) : random.Next(1, 3);
                    text.AddRange(Enumerable.Repeat((byte)'[', nest));
                    text.AddRange(Enumerable.Repeat((byte)']', nest));
                    break;
            }
        }

        private void Container(List<byte> text, int depth, char open, char close, bool isObject)
        {
            text.Add((byte)open);
            var names = new List<byte[]>();
            int count = random.Next(depth == 0 ? 8 : 4);
            for (int i = 0; i < count; i++)
            {
                Space(text);
                if (i > 0 ? !Flaw() : Flaw())
                {
                    // A comma between members; a flaw leaves it out, or puts one before the first.
                    text.Add((byte)',');
                    Space(text);
                }

                if (isObject)
                {
                    // Now and then a name given twice (JSON, but refused afterwards by either path).
                    if (names.Count > 0 && random.Next(40) == 0)
                    {
                        text.AddRange(names[random.Next(names.Count)]);
                    }
                    else
                    {
                        int start = text.Count;
                        String(text, name: true);
                        names.Add(text.GetRange(start, text.Count - start).ToArray());
                    }

                    Space(text);
                    if (!Flaw())
                    {
                        text.Add((byte)':');
                    }

                    Space(text);
                }

                Value(text, depth + 1);
            }

            Space(text);
            if (count > 0 && Flaw())
            {
                text.Add((byte)','); // a trailing comma
            }

            text.Add((byte)close);
        }

        private void String(List<byte> text, bool name)
        {
            text.Add((byte)'"');

            // Names are plain (the writers' form) unless this text escapes some; values often have escapes.
            int pieces = name && !(escapedNames && random.Next(2) == 0) ? PlainPieces : ValidPieces;
            int count = random.Next(name ? 1 : 0, name ? 4 : 12);
            for (int i = 0; i < count; i++)
            {
                text.AddRange(StringPieces[Flaw() ? random.Next(ValidPieces, StringPieces.Length) : random.Next(pieces)]);
            }

            if (!name && random.Next(8) == 0)
            {
                // Past the scan's first 16 bytes, where it searches vectorized.
                text.AddRange(Encoding.ASCII.GetBytes(new string('x', random.Next(10, 60))));
                text.AddRange(StringPieces[Flaw() ? random.Next(ValidPieces, StringPieces.Length) : random.Next(pieces)]);
            }

            text.Add((byte)'"');
        }

        public void Space(List<byte> text)
        {
            if (random.Next(3) == 0)
            {
                text.AddRange(Whitespace[Flaw() ? random.Next(ValidWhitespace, Whitespace.Length) : random.Next(ValidWhitespace)]);
            }
        }
    }
}

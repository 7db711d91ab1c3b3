using System;
using System.Text.Json;
using Itsm.Text;

namespace Itsm.Persistence;

// Reading the text: every value recorded in the reader's one pass, each container's members adjacent in the table.
internal sealed partial class StateDocument
{
    // The members of the containers open while the document is read (ScanDocument), and those containers.
    private Entry[] _stage = new Entry[64];
    private int _stageCount;
    private Frame[] _frames = new Frame[16];

    /// <summary>
    /// Records every value of the document in one pass of the reader, each container's members adjacent in the
    /// table. Members are collected on a stack (<see cref="_stage"/>) while their container is open, and moved to
    /// the table when it closes: so a container's members land after its children's, and their
    /// <see cref="Entry.Parent"/> is set when the container itself lands (its place in the table is known then).
    /// </summary>
    private void ScanDocument(ref Utf8JsonReader reader)
    {
        _stageCount = 0;
        int depth = 0;
        _frames[0] = new Frame { StageStart = 0, Owner = -1, IsArray = false };
        while (true)
        {
            reader.Read();
            var kind = reader.TokenType;
            ref var frame = ref _frames[depth];
            if (kind is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                if (CloseContainer(depth, (int)reader.BytesConsumed))
                {
                    return;
                }

                depth--;
                continue;
            }

            int index = StageAdd();
            ref var e = ref _stage[index];
            e.MembersStart = -1;
            if (!frame.IsArray)
            {
                e.NameStart = OffsetOf(reader.ValueSpan);
                e.NameLength = reader.ValueSpan.Length;
                if (reader.ValueIsEscaped)
                {
                    string name = EscapedNameOf(ref reader);
                    _escapedNames.Add(name);
                    e.EscapedName = _escapedNames.Count;
                    e.NameHash = HashOf(name);
                    frame.AnyEscaped = true;
                }
                else
                {
                    e.NameHash = HashOf(reader.ValueSpan);
                }

                reader.Read();
                kind = reader.TokenType;
            }

            e.Kind = kind;
            switch (kind)
            {
                case JsonTokenType.String or JsonTokenType.Number:
                    e.ValueStart = OffsetOf(reader.ValueSpan);
                    e.ValueLength = reader.ValueSpan.Length;
                    e.ValueEscaped = reader.ValueIsEscaped;
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    e.ValueStart = (int)reader.TokenStartIndex;
                    if (++depth == _frames.Length)
                    {
                        Array.Resize(ref _frames, _frames.Length * 2);
                    }

                    _frames[depth] = new Frame { StageStart = _stageCount, Owner = index, IsArray = kind == JsonTokenType.StartArray };
                    break;
            }
        }
    }

    private string EscapedNameOf(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException x)
        {
            // A lone surrogate escaped, or escapes beside bytes that are not UTF-8: Utf8JsonReader refuses to make text of them.
            throw new JsonException($"a property name is not valid text ({QuotedText.Message(x.Message)})", x);
        }
    }

    /// <summary>
    /// Lands the members of the container open at <paramref name="depth"/>, whose text ends before <paramref name="end"/>,
    /// and records them on its entry (the root's, when it is the root: then true, the document is read).
    /// </summary>
    private bool CloseContainer(int depth, int end)
    {
        ref var frame = ref _frames[depth];
        int first = _count;
        int count = _stageCount - frame.StageStart;
        Land(frame.StageStart, count, frame.AnyEscaped);
        if (frame.Owner < 0)
        {
            SetParent(first, count, Root);
            _entries[Root].MembersStart = first;
            _entries[Root].MembersCount = count;
            return true;
        }

        ref var owner = ref _stage[frame.Owner];
        owner.MembersStart = first;
        owner.MembersCount = count;
        owner.ValueLength = end - owner.ValueStart;
        return false;
    }

    /// <summary>Moves a closed container's members from the stage to the end of the table.</summary>
    private void Land(int stageStart, int count, bool anyEscaped)
    {
        if (_entries.Length - _count < count)
        {
            Array.Resize(ref _entries, Math.Max(_entries.Length * 2, _count + count));
        }

        int first = _count;
        Array.Copy(_stage, stageStart, _entries, first, count);
        Array.Clear(_stage, stageStart, count);
        _stageCount = stageStart;
        _count += count;

        // The members' own members landed before them: now their parent's place is known.
        for (int i = first; i < first + count; i++)
        {
            if (_entries[i].MembersStart >= 0)
            {
                SetParent(_entries[i].MembersStart, _entries[i].MembersCount, i);
            }
        }

        // Names that are the same text must hash the same, escaped or not (SameName): an escaped name is hashed
        // as its text's UTF-8. The reader does not check a name's UTF-8, and invalid bytes read as U+FFFD (NameOf):
        // such a name is hashed as that text's UTF-8 too, when there is an escaped name that could equal it.
        for (int i = first; anyEscaped && i < _count; i++)
        {
            if (_entries[i].EscapedName == 0 && !System.Text.Unicode.Utf8.IsValid(_utf8.AsSpan(_entries[i].NameStart, _entries[i].NameLength)))
            {
                _entries[i].NameHash = HashOf(NameOf(i));
            }
        }
    }

    private void SetParent(int first, int count, int parent)
    {
        for (int i = first; i < first + count; i++)
        {
            _entries[i].Parent = parent;
        }
    }

    private int StageAdd()
    {
        if (_stageCount == _stage.Length)
        {
            Array.Resize(ref _stage, _stage.Length * 2);
        }

        return _stageCount++;
    }

    /// <summary>A container open during <see cref="ScanDocument"/>: where its members start on the stage, and its own entry there (-1: the root).</summary>
    private struct Frame
    {
        public int StageStart;
        public int Owner;
        public bool IsArray;
        public bool AnyEscaped;
    }
}

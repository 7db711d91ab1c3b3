using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;
using Itsm.Text;

namespace Itsm.Persistence;

/// <summary>
/// One state document being read: its UTF-8 text and a table of its values, without a DOM. Opening it
/// reads the whole text once and records every value: name, token kind and where the value's bytes
/// are, the members of each object or array adjacent in the table. Text in the form the writers produce
/// is read by a strict scan of the bytes (<see cref="TryScanStrict"/>); any other text, and every text
/// that is not JSON, by <see cref="Utf8JsonReader"/> (which checks the syntax, the depth limit and
/// trailing content, and gives the errors), with the same table for what both read. Values are parsed from their bytes
/// when asked for. Each object gets, when the codec first reads it, a small hash index of its member
/// names, so a field is found in constant time however the codec reads (twice, out of order, or a
/// field that is absent), and a property given twice is found in linear time (in an object the codec
/// never reads, it is not looked for).
/// </summary>
/// <remarks>
/// One instance per thread is kept and reused (text buffer and table), so loading a record allocates
/// only what the record holds. <see cref="Generation"/> changes when the document is closed, so a
/// <see cref="StateReader"/> kept past its <see cref="StateJson.Read{T}"/> call fails instead of
/// reading the next document's bytes.
/// </remarks>
internal sealed partial class StateDocument
{
    /// <summary>Entry 0 is the root object.</summary>
    internal const int Root = 0;

    // Larger buffers (a record with an unusually large state) are dropped after use, not kept per thread.
    private const int MaxRetainedBytes = 256 * 1024;
    private const int MaxRetainedEntries = 4096;

    // Names a codec looks up are short: their UTF-8 is encoded on the stack up to this length.
    private const int MaxStackNameLength = 64;

    [ThreadStatic]
    private static StateDocument? t_cached;

    private byte[] _utf8 = new byte[4096];
    private Entry[] _entries = new Entry[64];
    private int _count;

    // The name indexes of the objects recorded: open addressing, each object its own power-of-two run of
    // slots (Entry.SlotsStart, Entry.SlotShift), each slot an entry + 1 or 0 (empty). At most half full.
    private int[] _slots = new int[256];
    private int _slotCount;

    // The unescaped text of the names the text escapes (rare: the codecs write plain names), in the order read.
    private readonly System.Collections.Generic.List<string> _escapedNames = [];

    internal string RecordType { get; private set; } = "";

    internal int Generation { get; private set; }

    internal ReadOnlySpan<byte> Bytes(int entry) => _utf8.AsSpan(_entries[entry].ValueStart, _entries[entry].ValueLength);

    internal ref readonly Entry this[int entry] => ref _entries[entry];

    /// <summary>Reads <paramref name="json"/>'s syntax and its root object's properties.</summary>
    /// <exception cref="JsonException">The text is not JSON, its root is not an object, or the root has a property twice.</exception>
    internal static StateDocument Open(string recordType, StateText json) => Open(recordType, json, allowStrictScan: true);

    /// <summary>As <see cref="Open(string, StateText)"/>; without <paramref name="allowStrictScan"/> the text is read with <see cref="Utf8JsonReader"/> whatever its form (tests compare the two).</summary>
    internal static StateDocument Open(string recordType, StateText json, bool allowStrictScan)
    {
        var document = t_cached ?? new StateDocument();
        t_cached = null;
        try
        {
            document.Load(recordType, json, allowStrictScan);
            return document;
        }
        catch
        {
            document.Close();
            throw;
        }
    }

    /// <summary>Ends this document's readers and keeps the instance for the thread's next document.</summary>
    internal void Close()
    {
        // The table is not cleared: every entry of the next document is written whole (the root, and each one landed from the stage).
        _count = 0;
        Array.Clear(_slots, 0, _slotCount);
        _slotCount = 0;
        _escapedNames.Clear();
        Array.Clear(_stage, 0, _stageCount); // left there by a document that failed to read
        _stageCount = 0;
        Generation++;
        if (_utf8.Length <= MaxRetainedBytes && _entries.Length <= MaxRetainedEntries && _escapedNames.Capacity <= MaxRetainedEntries && _stage.Length <= MaxRetainedEntries && _slots.Length <= 4 * MaxRetainedEntries)
        {
            t_cached = this;
        }
    }

    /// <summary>Whether the text was read with the strict scan (<see cref="TryScanStrict"/>) rather than Utf8JsonReader.</summary>
    internal bool ScannedStrictly { get; private set; }

    /// <summary>A copy of the table as read (tests).</summary>
    internal Entry[] Table() => _entries.AsSpan(0, _count).ToArray();

    private void Load(string recordType, StateText json, bool allowStrictScan)
    {
        RecordType = recordType;
        int length;
        if (json.Utf8 is { } utf8)
        {
            // Already UTF-8 (a store that keeps it): copied as it is, no transcoding.
            if (_utf8.Length < utf8.Length)
            {
                _utf8 = new byte[Math.Max(utf8.Length, _utf8.Length * 2)];
            }

            utf8.CopyTo(_utf8, 0);
            length = utf8.Length;
        }
        else
        {
            string text = json.Text!;
            int maxLength = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length);
            if (_utf8.Length < maxLength)
            {
                _utf8 = new byte[Math.Max(maxLength, _utf8.Length * 2)];
            }

            length = System.Text.Encoding.UTF8.GetBytes(text, _utf8);
        }

        ref var root = ref Add();
        root = new Entry { Parent = -1, Kind = JsonTokenType.StartObject, ValueStart = 0, ValueLength = length, MembersStart = -1 };

        ScannedStrictly = allowStrictScan && TryScanStrict(length);
        if (ScannedStrictly)
        {
            IndexNames(Root);
            return;
        }

        ClearScan();
        JsonTokenType rootKind;
        try
        {
            var reader = new Utf8JsonReader(_utf8.AsSpan(0, length));
            reader.Read();
            rootKind = reader.TokenType;
            if (rootKind == JsonTokenType.StartObject)
            {
                ScanDocument(ref reader);
            }
            else
            {
                reader.Skip();
            }

            // Anything but whitespace after the root value makes the reader throw.
            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            throw new JsonException($"{recordType} state: the text is not valid JSON ({QuotedText.Message(e.Message)})", e);
        }

        if (rootKind != JsonTokenType.StartObject)
        {
            throw new JsonException($"{recordType} state: the document must be a JSON object, not {KindName(rootKind)}.");
        }

        IndexNames(Root);
    }

    /// <summary>The first member of an object or array entry in the table and how many there are; read on first use.</summary>
    internal (int First, int Count) Members(int entry)
    {
        ref readonly var e = ref _entries[entry];
        if (e.SlotShift == 0 && e.Kind == JsonTokenType.StartObject)
        {
            // Indexed on first use: an object the codec never reads is never checked for a repeated name.
            IndexNames(entry);
        }

        return (_entries[entry].MembersStart, _entries[entry].MembersCount);
    }

    /// <summary>The property <paramref name="name"/> of an object entry, or -1.</summary>
    internal int Find(int entry, string name)
    {
        if (_entries[entry].Kind != JsonTokenType.StartObject)
        {
            // A codec's bug (a field of an item it did not take AsObject), as JsonElement.TryGetProperty would say.
            throw new InvalidOperationException($"{RecordType} state: '{QuotedText.Of(PathOf(entry))}' is a {KindName(_entries[entry].Kind)}, not an object; its fields cannot be read.");
        }

        var (first, count) = Members(entry);
        if (count == 0)
        {
            return -1;
        }

        // Codecs read fields in about the order they write them, and often one twice (Has, then its value): the
        // field after the last one found, then that one, are tried first, without hashing the name.
        ref var owner = ref _entries[entry];
        int next = first + owner.NextLookup;
        int last = owner.NextLookup == 0 ? first + count - 1 : next - 1;
        int found = NameEquals(next, name) ? next
            : NameEquals(last, name) ? last
            : Lookup(entry, name);
        if (found >= 0)
        {
            owner.NextLookup = found + 1 - first == count ? 0 : found + 1 - first;
        }

        return found;
    }

    // The object's name index: a field read out of order, or one that is absent, costs a hash and a probe or two.
    private int Lookup(int entry, string name)
    {
        int hash = HashOf(name);

        ref readonly var owner = ref _entries[entry];
        int mask = (int)(uint.MaxValue >> owner.SlotShift);
        for (int s = (int)((uint)hash >> owner.SlotShift); ; s = (s + 1) & mask)
        {
            int member = _slots[owner.SlotsStart + s] - 1;
            if (member < 0)
            {
                return -1;
            }

            if (_entries[member].NameHash == hash && NameEquals(member, name))
            {
                return member;
            }
        }
    }

    /// <summary>The entry's property name, unescaped.</summary>
    internal string NameOf(int entry)
    {
        ref readonly var e = ref _entries[entry];
        return e.EscapedName > 0 ? _escapedNames[e.EscapedName - 1] : System.Text.Encoding.UTF8.GetString(_utf8, e.NameStart, e.NameLength);
    }

    /// <summary>The path of an entry for error messages: <c>a.b[2].c</c>; empty for the root.</summary>
    internal string PathOf(int entry)
    {
        if (entry == Root)
        {
            return "";
        }

        int parent = _entries[entry].Parent;
        string parentPath = PathOf(parent);
        if (_entries[parent].Kind == JsonTokenType.StartArray)
        {
            return $"{parentPath}[{entry - _entries[parent].MembersStart}]";
        }

        string name = NameOf(entry);
        return parentPath.Length == 0 ? name : parentPath + "." + name;
    }

    /// <summary>A string value, unescaped.</summary>
    /// <exception cref="JsonException">The string's escapes are not text (a lone surrogate), or it mixes escapes with bytes that are not UTF-8.</exception>
    internal string GetString(int entry)
    {
        ref readonly var e = ref _entries[entry];
        if (!e.ValueEscaped)
        {
            return System.Text.Encoding.UTF8.GetString(_utf8, e.ValueStart, e.ValueLength);
        }

        try
        {
            return Token(entry).GetString()!;
        }
        catch (InvalidOperationException x)
        {
            // Utf8JsonReader's way of refusing them; no writer of ours escapes a lone surrogate, so the text is damaged.
            throw new JsonException($"{RecordType} state: '{QuotedText.Of(PathOf(entry))}' is not valid text ({QuotedText.Message(x.Message)}).", x);
        }
    }

    /// <summary>A string value's unescaped UTF-8 bytes: the text itself unless it has escapes.</summary>
    internal ReadOnlySpan<byte> GetUtf8(int entry) =>
        _entries[entry].ValueEscaped ? System.Text.Encoding.UTF8.GetBytes(GetString(entry)) : Bytes(entry);

    /// <summary>A reader positioned on the entry's value token, for the number and escape rules of System.Text.Json itself.</summary>
    internal Utf8JsonReader Token(int entry)
    {
        ref readonly var e = ref _entries[entry];

        // A string's recorded bytes are its content; the token includes the quotes around it.
        var token = e.Kind == JsonTokenType.String ? _utf8.AsSpan(e.ValueStart - 1, e.ValueLength + 2) : _utf8.AsSpan(e.ValueStart, e.ValueLength);
        var reader = new Utf8JsonReader(token);
        reader.Read();
        return reader;
    }

    internal static string KindName(JsonTokenType kind) => kind switch
    {
        JsonTokenType.StartObject => "Object",
        JsonTokenType.StartArray => "Array",
        JsonTokenType.String => "String",
        JsonTokenType.Number => "Number",
        JsonTokenType.True => "True",
        JsonTokenType.False => "False",
        _ => "Null",
    };

    /// <summary>
    /// Builds an object's name index, and refuses a property given twice: the first member, in document
    /// order, whose name an earlier member has, as <see cref="SameName"/> compares them.
    /// </summary>
    private void IndexNames(int entry)
    {
        int first = _entries[entry].MembersStart;
        int count = _entries[entry].MembersCount;
        int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(count * 2, 2));
        if (_slots.Length - _slotCount < size)
        {
            Array.Resize(ref _slots, Math.Max(_slots.Length * 2, _slotCount + size));
        }

        int start = _slotCount;
        int mask = size - 1;
        int shift = 32 - System.Numerics.BitOperations.Log2((uint)size);
        _slotCount += size;
        _entries[entry].SlotsStart = start;
        _entries[entry].SlotShift = shift;

        // Same names hash the same, so a duplicate is among the earlier members on this member's probe path.
        for (int i = first; i < first + count; i++)
        {
            int hash = _entries[i].NameHash;
            int s = (int)((uint)hash >> shift);
            for (; _slots[start + s] != 0; s = (s + 1) & mask)
            {
                int j = _slots[start + s] - 1;
                if (_entries[j].NameHash == hash && SameName(i, j))
                {
                    throw new JsonException($"{RecordType} state: '{QuotedText.Of(PathOf(i))}' appears more than once.");
                }
            }

            _slots[start + s] = i + 1;
        }
    }

    // Escaped names compare by their unescaped text ("a" and "\u0061" are the same name).
    private bool SameName(int i, int j)
    {
        ref readonly var a = ref _entries[i];
        ref readonly var b = ref _entries[j];
        return a.EscapedName == 0 && b.EscapedName == 0
            ? _utf8.AsSpan(a.NameStart, a.NameLength).SequenceEqual(_utf8.AsSpan(b.NameStart, b.NameLength))
            : string.Equals(NameOf(i), NameOf(j), StringComparison.Ordinal);
    }

    private bool NameEquals(int entry, string name)
    {
        ref readonly var e = ref _entries[entry];
        if (e.EscapedName > 0)
        {
            return string.Equals(_escapedNames[e.EscapedName - 1], name, StringComparison.Ordinal);
        }

        var utf8 = _utf8.AsSpan(e.NameStart, e.NameLength);

        // An ASCII name is as long in UTF-8 as in UTF-16 (compared in one vectorized call); any other name is longer
        // in UTF-8, so it can only match a longer byte name, compared by its encoding.
        return utf8.Length == name.Length
            ? System.Text.Ascii.Equals(utf8, name)
            : utf8.Length > name.Length && !System.Text.Ascii.IsValid(name) && utf8.SequenceEqual(System.Text.Encoding.UTF8.GetBytes(name));
    }

    /// <summary>
    /// A name's hash as the index keeps it: hashed as UTF-8, as the names are stored. An ASCII name (every name the
    /// codecs look up) is hashed from its characters, which are its UTF-8 bytes, without encoding it: about ten lookups
    /// a load miss the quick tries of <see cref="Find"/> (absent optional fields, fields read out of order).
    /// </summary>
    internal static int HashOf(string name)
    {
        if (name.Length > 0 && System.Text.Ascii.IsValid(name))
        {
            if (name.Length < sizeof(uint))
            {
                return HashOf((ulong)name[0] | ((ulong)name[name.Length / 2] << 8) | ((ulong)name[^1] << 16), 0, name.Length);
            }

            if (name.Length < sizeof(ulong))
            {
                return HashOf(Packed(name.AsSpan(0, sizeof(uint))), Packed(name.AsSpan(name.Length - sizeof(uint))), name.Length);
            }

            // The first and the last 8 characters narrowed to their bytes, 8 at a time.
            ref ushort chars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(name.AsSpan()));
            var head = Vector128.LoadUnsafe(ref chars);
            var tail = Vector128.LoadUnsafe(ref chars, (nuint)(name.Length - sizeof(ulong)));
            var bytes = Vector128.Narrow(head, tail).AsUInt64();
            return HashOf(bytes.GetElement(0), bytes.GetElement(1), name.Length);
        }

        Span<byte> utf8 = name.Length <= MaxStackNameLength
            ? stackalloc byte[System.Text.Encoding.UTF8.GetMaxByteCount(MaxStackNameLength)]
            : new byte[System.Text.Encoding.UTF8.GetMaxByteCount(name.Length)];
        return HashOf(utf8[..System.Text.Encoding.UTF8.GetBytes(name, utf8)]);
    }

    // ASCII characters as the little-endian integer their bytes make (as HashOf(ReadOnlySpan<byte>) reads them).
    private static ulong Packed(ReadOnlySpan<char> ascii)
    {
        ulong packed = 0;
        for (int i = ascii.Length - 1; i >= 0; i--)
        {
            packed = (packed << 8) | ascii[i];
        }

        return packed;
    }

    /// <summary>
    /// A hash of a name's UTF-8 from its length and its first and last 8 bytes (all of a name up to 16
    /// bytes): constant time per name, so indexing ~40 names costs little beside reading them. Names
    /// that share those bytes only cost a comparison more each.
    /// </summary>
    internal static int HashOf(ReadOnlySpan<byte> name)
    {
        ulong head;
        ulong tail;
        if (name.Length >= sizeof(ulong))
        {
            head = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(name);
            tail = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(name[^sizeof(ulong)..]);
        }
        else if (name.Length >= sizeof(uint))
        {
            head = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(name);
            tail = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(name[^sizeof(uint)..]);
        }
        else
        {
            head = name.Length == 0 ? 0 : (ulong)name[0] | ((ulong)name[name.Length / 2] << 8) | ((ulong)name[^1] << 16);
            tail = 0;
        }

        return HashOf(head, tail, name.Length);
    }

    private static int HashOf(ulong head, ulong tail, int length)
    {
        // Fibonacci hashing: every bit of the key reaches the product's high bits, which are the hash (its top bits the slot).
        ulong key = head ^ (tail * 0xBF58476D1CE4E5B9UL) ^ (ulong)length;
        return (int)((key * 0x9E3779B97F4A7C15UL) >> 32);
    }

    private int OffsetOf(ReadOnlySpan<byte> slice) =>
        (int)Unsafe.ByteOffset(ref MemoryMarshal.GetArrayDataReference(_utf8), ref MemoryMarshal.GetReference(slice));

    private ref Entry Add()
    {
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        return ref _entries[_count++];
    }

    /// <summary>A value in the document: a property (with its name) or an array item.</summary>
    internal struct Entry
    {
        /// <summary>The object or array entry holding this one; -1 for the root.</summary>
        public int Parent;
        public int NameStart;
        public int NameLength;

        /// <summary>When the text escapes the name: 1 + where its unescaped text is in <see cref="_escapedNames"/>; 0 otherwise (compare the bytes).</summary>
        /// <remarks>An index, not the string, so the table holds no references: copying and clearing it are plain memory moves.</remarks>
        public int EscapedName;
        public JsonTokenType Kind;

        /// <summary>A string's content between its quotes, a number's digits, or an object's or array's whole text.</summary>
        public int ValueStart;
        public int ValueLength;
        public bool ValueEscaped;

        /// <summary>Where an object's or array's members are in the table; -1 for any other value.</summary>
        public int MembersStart;
        public int MembersCount;

        /// <summary>Where the next lookup in this object starts: after the member found last.</summary>
        public int NextLookup;

        /// <summary>An object's name index: its first slot, and 32 - log2 of its slot count (a hash's top bits are its slot); 0 until indexed.</summary>
        public int SlotsStart;
        public int SlotShift;

        /// <summary>A property's name hash (<see cref="HashOf(ReadOnlySpan{byte})"/> of its unescaped text's UTF-8).</summary>
        public int NameHash;
    }
}

using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Itsm.Common;
using NodaTime;

namespace Itsm.Persistence;

/// <summary>
/// The audit entries an <see cref="InMemoryAggregateStore"/> keeps, as bytes in large chunks rather than as
/// objects: an entry is written once, when its save commits, and read back (a new <see cref="AuditEntry"/>
/// equal to the one written) when history, audit or feed is asked for.
/// </summary>
/// <remarks>
/// <para>Kept as objects, every command left an entry, its data, its pairs and their strings alive for the
/// garbage collector to trace and promote through each generation, and the young generation's memory was
/// promoted with them, so new objects kept landing on fresh pages: in a process running many commands that cost
/// about a third of the command (issue 18). Bytes hold no references, and the chunks are pinned (allocated
/// outside the young generation) and hold hundreds of entries each.</para>
/// <para>An entry takes a few tens of bytes (an incident put on hold 49, resumed 19): its names (tenant,
/// record type and id, command, states, data keys) are numbers in a table of the names seen, its actor a
/// number in a table of the actors seen (the reads share it: an <see cref="Actor"/> is immutable), and its
/// data values are kept as their UTF-16 code units, so any text reads back exactly as written. Not
/// thread-safe: the store calls it under its lock.</para>
/// </remarks>
internal sealed class InMemoryAuditLog
{
    // Large enough for a thousand entries or more, and allocated pinned, outside the young generation.
    private const int ChunkSize = 64 * 1024;

    // The largest an integer takes (a 64-bit value, 7 bits a byte).
    private const int MaxIntegerSize = 10;

    private readonly List<byte[]> _chunks = [];
    private byte[] _current = [];
    private int _used;

    // The names: each distinct string once, numbered in the order first seen.
    private readonly Dictionary<string, int> _nameNumbers = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    // The names of the last entries by reference: a command's names are mostly the very same string objects
    // (literals, the record type, the actor's id), found here without hashing their text.
    private readonly (string? Name, int Number)[] _recent = new (string?, int)[256];

    // The actors: each distinct one once (an Actor is immutable, so every entry read shares it), and the last one by reference.
    private readonly Dictionary<Actor, int> _actorNumbers = [];
    private readonly List<Actor> _actors = [];
    private (Actor? Actor, int Number) _recentActor;

    /// <summary>Appends an entry; returns its address for <see cref="Read"/>.</summary>
    internal long Append(AuditEntry entry)
    {
        int size = MaxSizeOf(entry);
        if (_current.Length - _used < size)
        {
            // An entry never spans chunks: one larger than a chunk (a command with much data) gets a chunk of its own.
            // Pinned, so outside the young generation; uninitialized, as every byte read was written first.
            _current = GC.AllocateUninitializedArray<byte>(Math.Max(ChunkSize, size), pinned: true);
            _chunks.Add(_current);
            _used = 0;
        }

        long address = ((long)(_chunks.Count - 1) << 32) | (uint)_used;
        var writer = new Writer(_current.AsSpan(_used));
        writer.Integer((ulong)NumberOf(entry.Tenant.Value));
        writer.Integer((ulong)NumberOf(entry.RecordType));
        writer.Integer((ulong)NumberOf(entry.RecordId));
        writer.Integer((ulong)entry.Version);
        var sinceEpoch = entry.At - NodaConstants.UnixEpoch;
        writer.Integer(Zigzag(sinceEpoch.Days));
        writer.Integer(Zigzag(sinceEpoch.NanosecondOfDay));
        writer.Integer((ulong)NumberOf(entry.Actor));
        writer.Integer((ulong)NumberOf(entry.Command));
        writer.Integer((ulong)NumberOf(entry.FromState));
        writer.Integer((ulong)NumberOf(entry.ToState));

        // Null data (no entry the stores write has it) as 0, else the count of pairs + 1.
        writer.Integer(entry.Data is { } data ? (ulong)data.Count + 1 : 0);
        if (entry.Data is not null)
        {
            foreach (var (key, value) in entry.Data)
            {
                writer.Integer((ulong)NumberOf(key));
                writer.Text(value);
            }
        }

        _used += writer.Written;
        return address;
    }

    /// <summary>The entry at <paramref name="address"/>, as it was appended.</summary>
    internal AuditEntry Read(long address)
    {
        var reader = new Reader(_chunks[(int)(address >> 32)].AsSpan((int)(uint)address));
        var tenant = new TenantId(Name(ref reader));
        var recordType = Name(ref reader);
        var recordId = Name(ref reader);
        var version = (long)reader.Integer();
        var at = At(ref reader);
        var actor = _actors[(int)reader.Integer()];
        var command = Name(ref reader);
        var fromState = Name(ref reader);
        var toState = Name(ref reader);
        int count = (int)reader.Integer() - 1;
        IReadOnlyDictionary<string, string> data = null!;
        if (count >= 0)
        {
            var pairs = new KeyValuePair<string, string>[count];
            for (int i = 0; i < count; i++)
            {
                var key = Name(ref reader);
                pairs[i] = new(key, reader.Text()!);
            }

            data = count == 0 ? AuditData.Empty : new AuditData.Sealed(pairs);
        }

        return new AuditEntry(tenant, recordType, recordId, version, at, actor, command, fromState, toState, data);
    }

    /// <summary>The instant of the entry at <paramref name="address"/>, without decoding the rest.</summary>
    internal Instant AtOf(long address)
    {
        var reader = new Reader(_chunks[(int)(address >> 32)].AsSpan((int)(uint)address));
        for (int skipped = 0; skipped < 4; skipped++)
        {
            // Tenant, record type, record id, version.
            reader.Integer();
        }

        return At(ref reader);
    }

    private static Instant At(ref Reader reader)
    {
        long days = Unzigzag(reader.Integer());
        return NodaConstants.UnixEpoch + Duration.FromDays(days) + Duration.FromNanoseconds(Unzigzag(reader.Integer()));
    }

    // Names are never null in an entry the store accepts (AggregateWrite checks them); a null one is kept as number 0.
    private int NumberOf(string? name)
    {
        if (name is null)
        {
            return 0;
        }

        ref var recent = ref _recent[RuntimeHelpers.GetHashCode(name) & (_recent.Length - 1)];
        if (ReferenceEquals(recent.Name, name))
        {
            return recent.Number;
        }

        if (!_nameNumbers.TryGetValue(name, out int number))
        {
            _names.Add(name);
            number = _names.Count;
            _nameNumbers.Add(name, number);
        }

        recent = (name, number);
        return number;
    }

    private int NumberOf(Actor actor)
    {
        if (ReferenceEquals(_recentActor.Actor, actor))
        {
            return _recentActor.Number;
        }

        if (!_actorNumbers.TryGetValue(actor, out int number))
        {
            number = _actors.Count;
            _actors.Add(actor);
            _actorNumbers.Add(actor, number);
        }

        _recentActor = (actor, number);
        return number;
    }

    private string Name(ref Reader reader)
    {
        int number = (int)reader.Integer();
        return number == 0 ? null! : _names[number - 1];
    }

    private static int MaxSizeOf(AuditEntry entry)
    {
        int size = 11 * MaxIntegerSize;
        if (entry.Data is { } data)
        {
            foreach (var (_, value) in data)
            {
                size += 2 * MaxIntegerSize + (value?.Length ?? 0) * sizeof(char);
            }
        }

        return size;
    }

    private static ulong Zigzag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long Unzigzag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private ref struct Writer(Span<byte> bytes)
    {
        private readonly Span<byte> _bytes = bytes;

        internal int Written { get; private set; }

        internal void Integer(ulong value)
        {
            while (value >= 0x80)
            {
                _bytes[Written++] = (byte)(value | 0x80);
                value >>= 7;
            }

            _bytes[Written++] = (byte)value;
        }

        // Null as 0, else the length + 1, then the code units.
        internal void Text(string? text)
        {
            Integer(text is null ? 0 : (ulong)text.Length + 1);
            if (text is not null)
            {
                MemoryMarshal.AsBytes(text.AsSpan()).CopyTo(_bytes[Written..]);
                Written += text.Length * sizeof(char);
            }
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private ReadOnlySpan<byte> _bytes = bytes;

        internal ulong Integer()
        {
            ulong value = 0;
            for (int shift = 0; ; shift += 7)
            {
                byte b = _bytes[0];
                _bytes = _bytes[1..];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }

        internal string? Text()
        {
            int length = (int)Integer() - 1;
            if (length < 0)
            {
                return null;
            }

            var text = new string(MemoryMarshal.Cast<byte, char>(_bytes[..(length * sizeof(char))]));
            _bytes = _bytes[(length * sizeof(char))..];
            return text;
        }
    }
}

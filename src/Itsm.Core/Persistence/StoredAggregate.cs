using System;
using Itsm.Common;

namespace Itsm.Persistence;

/// <summary>A record as a store holds it: its key, the version the store computed, its state and its index.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="RecordType">The record type, for example <c>"Incident"</c>.</param>
/// <param name="RecordId">The record id.</param>
/// <param name="Version">The version: the number of audit entries stored for the record.</param>
/// <param name="State">The record's state as a JSON document, exactly as written.</param>
/// <param name="Index">The indexed fields.</param>
public sealed record StoredAggregate(TenantId Tenant, string RecordType, string RecordId, long Version, string State, RecordIndex Index)
{
    // One of the two is set. A store that keeps UTF-8 (IKeepsUtf8State) gives the bytes, and the string is
    // made only if someone asks for State (a race makes two equal strings, which is harmless).
    private string? _state = State;
    private byte[]? _utf8State;

    /// <summary>The record's state as a JSON document, exactly as written.</summary>
    public string State
    {
        get => _state ??= System.Text.Encoding.UTF8.GetString(_utf8State!);
        init
        {
            _state = value;
            _utf8State = null;
        }
    }

    /// <summary>The state as UTF-8 bytes, when the store keeps it so (<see cref="IKeepsUtf8State"/>); otherwise null. Not to be changed.</summary>
    internal byte[]? Utf8State => _utf8State;

    /// <summary>The state as held: the bytes when there are, else the string (for a codec to read either way).</summary>
    internal StateText Text => _utf8State is { } utf8 ? StateText.FromUtf8(utf8) : State;

    /// <summary>A record whose state is UTF-8 bytes (kept, not copied).</summary>
    internal static StoredAggregate WithUtf8State(TenantId tenant, string recordType, string recordId, long version, byte[] utf8State, RecordIndex index, long number) =>
        new(tenant, recordType, recordId, version, null!, index) { _utf8State = utf8State, Number = number };

    /// <summary>Whether <paramref name="other"/> is the same record at the same version, with the same state text, index and number.</summary>
    /// <param name="other">The other record.</param>
    /// <returns><see langword="true"/> when every field is equal (the state compared as text, however it is held).</returns>
    public bool Equals(StoredAggregate? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Tenant == other.Tenant
                && string.Equals(RecordType, other.RecordType, StringComparison.Ordinal)
                && string.Equals(RecordId, other.RecordId, StringComparison.Ordinal)
                && Version == other.Version
                && SameState(other)
                && Equals(Index, other.Index)
                && Number == other.Number));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Tenant, RecordType, RecordId, Version, State, Index, Number);

    private bool SameState(StoredAggregate other) =>
        _utf8State is not null && other._utf8State is not null
            ? _utf8State.AsSpan().SequenceEqual(other._utf8State)
            : string.Equals(State, other.State, StringComparison.Ordinal);

    /// <summary>
    /// The record's number within its tenant and record type: 1, 2, 3, … in the order the records were
    /// created, allocated by the store in the transaction that created the record and never changed or reused
    /// (what an engine shows as <c>INC0000042</c>, see <c>TicketNumbering</c>).
    /// </summary>
    /// <remarks>
    /// Gapless in the stores of this library: a create that fails or rolls back takes no number. Another
    /// adapter may leave gaps (a sequence that is not rolled back), but never repeats a number.
    /// </remarks>
    public long Number { get; init; }
}

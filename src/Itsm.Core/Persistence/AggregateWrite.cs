using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Common;

namespace Itsm.Persistence;

/// <summary>
/// One save: a record's new state and index, the audit entries of the commands that produced it,
/// the version the writer loaded, and optionally an idempotency key. Validated when created, so a
/// store adapter can trust every field.
/// </summary>
/// <remarks>
/// The store writes the record at version <c>ExpectedVersion + AuditEntries.Count</c> and numbers the
/// audit entries <c>ExpectedVersion + 1</c> onwards, whatever versions the entries carry: a
/// client-supplied version is never written.
/// </remarks>
public sealed class AggregateWrite
{
    /// <summary>The longest record type or record id accepted, in characters.</summary>
    public const int MaxKeyLength = 200;

    /// <summary>Creates a write.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="recordType">The record type: non-blank, at most <see cref="MaxKeyLength"/> characters, valid as <see cref="IdText"/> says.</param>
    /// <param name="recordId">The record id: non-blank, at most <see cref="MaxKeyLength"/> characters, valid as <see cref="IdText"/> says.</param>
    /// <param name="expectedVersion">The version the writer loaded; 0 to create the record.</param>
    /// <param name="state">The new state as a JSON document (the store keeps it as it is).</param>
    /// <param name="index">The new indexed fields.</param>
    /// <param name="auditEntries">At least one entry, each of this tenant, type and id.</param>
    /// <param name="idempotency">The command's idempotency key, if any.</param>
    /// <param name="reservations">
    /// The record's complete set of <see cref="ResourceReservation"/>s after this write (an empty list
    /// releases every one it held), or <see langword="null"/> to leave them as they are.
    /// </param>
    /// <exception cref="ArgumentException">An argument is missing, blank, too long or negative, a key or indexed text is not valid as <see cref="IdText"/> says, there is no audit entry, an entry belongs to another record, or a reservation is null.</exception>
    public AggregateWrite(
        TenantId tenant,
        string recordType,
        string recordId,
        long expectedVersion,
        string state,
        RecordIndex index,
        IEnumerable<AuditEntry> auditEntries,
        IdempotencyKey? idempotency = null,
        IEnumerable<ResourceReservation>? reservations = null)
        : this(tenant, recordType, recordId, expectedVersion, state, null, index, auditEntries, idempotency, reservations)
    {
    }

    private AggregateWrite(
        TenantId tenant,
        string recordType,
        string recordId,
        long expectedVersion,
        string? state,
        byte[]? utf8State,
        RecordIndex index,
        IEnumerable<AuditEntry> auditEntries,
        IdempotencyKey? idempotency,
        IEnumerable<ResourceReservation>? reservations)
    {
        StoreArguments.CheckKey(tenant, recordType, recordId);
        Guard.Against.Negative(expectedVersion);
        if (utf8State is null)
        {
            Guard.Against.NullOrWhiteSpace(state);
        }

        Guard.Against.Null(index);
        Guard.Against.NullOrWhiteSpace(index.State, nameof(index));
        StoreArguments.CheckIndex(index);
        Guard.Against.Null(auditEntries);
        var entries = auditEntries.ToArray();
        if (entries.Length == 0)
        {
            throw new ArgumentException("A save needs at least one audit entry: every change of a record is audited.", nameof(auditEntries));
        }

        foreach (var entry in entries)
        {
            if (entry is null)
            {
                throw new ArgumentException("An audit entry is null.", nameof(auditEntries));
            }

            if (entry.Actor is null || entry.Data is null || string.IsNullOrWhiteSpace(entry.Command) || string.IsNullOrWhiteSpace(entry.FromState) || string.IsNullOrWhiteSpace(entry.ToState))
            {
                throw new ArgumentException("An audit entry has no actor, data, command or state.", nameof(auditEntries));
            }

            if (entry.Tenant != tenant || !string.Equals(entry.RecordType, recordType, StringComparison.Ordinal) || !string.Equals(entry.RecordId, recordId, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"An audit entry belongs to {entry.RecordType} '{entry.RecordId}' of tenant '{entry.Tenant}', not to {recordType} '{recordId}' of tenant '{tenant}'.",
                    nameof(auditEntries));
            }
        }

        if (idempotency is { } key)
        {
            Guard.Against.NullOrWhiteSpace(key.Key, nameof(idempotency));
        }

        Tenant = tenant;
        RecordType = recordType;
        RecordId = recordId;
        ExpectedVersion = expectedVersion;
        _state = state;
        _utf8State = utf8State;
        Index = index;
        // The log is append-only: what is written must not change afterwards through the caller's
        // dictionaries, so each entry's data is copied once, here, into a read-only dictionary. Data the
        // aggregates built (AuditData, and the workflow state laid over it) is read-only already, with ordinal keys: kept as it is.
        for (int i = 0; i < entries.Length; i++)
        {
            if (entries[i].Data is not (AuditData.Sealed or WorkflowStateAuditData { IsSealed: true }))
            {
                entries[i] = entries[i] with { Data = new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(entries[i].Data, StringComparer.Ordinal)) };
            }
        }

        AuditEntries = Array.AsReadOnly(entries);
        Idempotency = idempotency;
        if (reservations is not null)
        {
            var held = reservations.ToArray();
            if (Array.Exists(held, r => r is null))
            {
                throw new ArgumentException("A reservation is null.", nameof(reservations));
            }

            Reservations = Array.AsReadOnly(held);
        }
    }

    /// <summary>The tenant.</summary>
    public TenantId Tenant { get; }

    /// <summary>The record type.</summary>
    public string RecordType { get; }

    /// <summary>The record id.</summary>
    public string RecordId { get; }

    /// <summary>The version the writer loaded; 0 when creating the record.</summary>
    public long ExpectedVersion { get; }

    /// <summary>The version the record has after this write: <see cref="ExpectedVersion"/> plus the number of audit entries.</summary>
    public long NewVersion => ExpectedVersion + AuditEntries.Count;

    /// <summary>The new state, as a JSON document.</summary>
    public string State => _state ??= System.Text.Encoding.UTF8.GetString(_utf8State!);

    // One of the two is set: the engine writes UTF-8 for a store that keeps it (Utf8State), and the string
    // is made only if someone asks for it (a race makes two equal strings, which is harmless).
    private readonly byte[]? _utf8State;
    private string? _state;

    /// <summary>The new state as UTF-8 bytes, when the engine wrote it so for a store that keeps UTF-8 (<see cref="IKeepsUtf8State"/>); otherwise null. Not to be changed.</summary>
    internal byte[]? Utf8State => _utf8State;

    /// <summary>A write whose state is UTF-8 bytes the engine wrote (valid JSON by construction, not copied).</summary>
    internal static AggregateWrite WithUtf8State(
        TenantId tenant,
        string recordType,
        string recordId,
        long expectedVersion,
        byte[] utf8State,
        RecordIndex index,
        IEnumerable<AuditEntry> auditEntries,
        IdempotencyKey? idempotency,
        IEnumerable<ResourceReservation>? reservations) =>
        new(tenant, recordType, recordId, expectedVersion, null, Guard.Against.Null(utf8State), index, auditEntries, idempotency, reservations);

    /// <summary>The new indexed fields.</summary>
    public RecordIndex Index { get; }

    /// <summary>The audit entries to append, in order, each with read-only data: a copy taken when the write was created (data the library's aggregates built is read-only already and kept as it is).</summary>
    public IReadOnlyList<AuditEntry> AuditEntries { get; }

    /// <summary>The idempotency key, if any.</summary>
    public IdempotencyKey? Idempotency { get; }

    /// <summary>
    /// The record's reservations after this write, which the store checks against other records' and
    /// keeps in the same transaction; <see langword="null"/> leaves the record's reservations as they are.
    /// </summary>
    public IReadOnlyList<ResourceReservation>? Reservations { get; }
}

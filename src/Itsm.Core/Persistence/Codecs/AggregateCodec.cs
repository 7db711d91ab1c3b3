using System.Collections.Generic;
using System;
using Itsm.Common;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Persistence;

/// <summary>
/// The part of every codec that is the same for each aggregate (key, version, audit entries, through
/// <see cref="ILifecycleRecord"/>), so a codec states only what differs: its names, state and index.
/// </summary>
internal abstract class AggregateCodec<TAggregate, TId> : IAggregateCodec<TAggregate, TId>
    where TAggregate : class, ILifecycleRecord
    where TId : struct
{
    public abstract string RecordType { get; }

    public string FormatId(TId id) => id.ToString()!;

    /// <summary>Runs a typed creating command with this record type's settings; each codec maps its own.</summary>
    public abstract TAggregate Create(CreateCommand<TAggregate> command, TenantId tenant, TId id, Actor actor, IClock clock);

    /// <summary>The error for a creating command this codec does not know.</summary>
    protected System.ArgumentException UnknownCreateCommand(CreateCommand<TAggregate> command) =>
        new($"{command.GetType().Name} does not create a {RecordType}.", nameof(command));

    public TenantId TenantOf(TAggregate aggregate) => aggregate.Tenant;

    public string IdOf(TAggregate aggregate) => aggregate.RecordId;

    public long VersionOf(TAggregate aggregate) => aggregate.Version;

    public void SetNumber(TAggregate aggregate, string number) => aggregate.Number = number;

    public IReadOnlyList<AuditEntry> UncommittedOf(TAggregate aggregate) => aggregate.UncommittedAuditEntries;

    public void AcceptAuditEntries(TAggregate aggregate) => aggregate.AcceptAuditEntries();

    public abstract string Serialize(TAggregate aggregate);

    public byte[] SerializeUtf8(TAggregate aggregate) => StateJson.WriteUtf8((this, aggregate), static s => s.Item1.Serialize(s.aggregate));

    public abstract TAggregate Deserialize(TenantId tenant, string id, long version, StateText json, IClock clock);

    public abstract RecordIndex IndexOf(TAggregate aggregate, Instant? slaDueAt);

    public abstract TicketSlaLog? SlaLogOf(TAggregate aggregate);

    /// <summary>None by default: only records that hold resources for a window (changes) reserve them.</summary>
    public virtual IReadOnlyList<ResourceReservation>? ReservationsOf(TAggregate aggregate) => null;

    public virtual SlaThresholdReached? LastSlaThresholdOf(TAggregate aggregate) => null;

    public virtual TicketSlaProjection? SlaProjection => null;

    public virtual void RecomputeSla(TAggregate aggregate, Actor actor, string reason, SlaLedger ledger) =>
        throw new InvalidOperationException($"{RecordType} records have no SLA clocks to recompute.");

    public virtual Instant? OtherDueOf(TAggregate aggregate, IReadOnlyDictionary<string, Itsm.BusinessTime.BusinessCalendar> calendars) => null;
}

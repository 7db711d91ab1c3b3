using System.Collections.Generic;
using Itsm.Common;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Persistence;

/// <summary>
/// How the application layer sees one aggregate type: its key, version and audit entries, its
/// state as JSON (and back), and its indexed fields. One implementation per aggregate, next to it.
/// Settings that are configuration rather than state (an incident's options, a change authority
/// policy) are given to the codec, not stored, so a loaded record follows today's configuration.
/// </summary>
internal interface IAggregateCodec<TAggregate, TId>
    where TAggregate : class
{
    /// <summary>The record type, for example "Incident".</summary>
    string RecordType { get; }

    string FormatId(TId id);

    /// <summary>Runs a creating command with this record type's settings.</summary>
    TAggregate Create(CreateCommand<TAggregate> command, TenantId tenant, TId id, Actor actor, IClock clock);

    TenantId TenantOf(TAggregate aggregate);

    string IdOf(TAggregate aggregate);

    long VersionOf(TAggregate aggregate);

    /// <summary>Sets the record's ticket number as the engine formats it.</summary>
    void SetNumber(TAggregate aggregate, string number);

    IReadOnlyList<AuditEntry> UncommittedOf(TAggregate aggregate);

    void AcceptAuditEntries(TAggregate aggregate);

    /// <summary>The aggregate's whole state as one JSON object (version and uncommitted entries excluded).</summary>
    string Serialize(TAggregate aggregate);

    /// <summary><see cref="Serialize"/>'s document as UTF-8 bytes, without the string (for a store that keeps state as UTF-8).</summary>
    byte[] SerializeUtf8(TAggregate aggregate);

    /// <summary>
    /// Rebuilds an aggregate at <paramref name="version"/> from <see cref="Serialize"/>'s output.
    /// Throws <see cref="System.Text.Json.JsonException"/> or <see cref="System.FormatException"/>
    /// when the JSON is not valid state of this type.
    /// </summary>
    TAggregate Deserialize(TenantId tenant, string id, long version, StateText json, IClock clock);

    /// <summary>The indexed fields; <paramref name="slaDueAt"/> comes from the SLA engine.</summary>
    RecordIndex IndexOf(TAggregate aggregate, Instant? slaDueAt);

    /// <summary>The record's reservations to keep with this save (see <see cref="AggregateWrite.Reservations"/>), or null to leave them.</summary>
    IReadOnlyList<ResourceReservation>? ReservationsOf(TAggregate aggregate);

    /// <summary>The record's SLA ledger and pending snapshots, or null for records no agreement applies to.</summary>
    TicketSlaLog? SlaLogOf(TAggregate aggregate);

    /// <summary>The last SLA threshold the record recorded (tickets only), or null.</summary>
    SlaThresholdReached? LastSlaThresholdOf(TAggregate aggregate);

    /// <summary>How the record type's audit entries become its SLA history; null for a type without SLA clocks.</summary>
    TicketSlaProjection? SlaProjection { get; }

    /// <summary>Runs the recompute on a ticket with the ledger rebuilt from its audit log (only for types with a <see cref="SlaProjection"/>).</summary>
    void RecomputeSla(TAggregate aggregate, Actor actor, string reason, SlaLedger ledger);

    /// <summary>Another instant the record is due for the worker (an incident's auto-close), or null.</summary>
    Instant? OtherDueOf(TAggregate aggregate, IReadOnlyDictionary<string, Itsm.BusinessTime.BusinessCalendar> calendars);
}

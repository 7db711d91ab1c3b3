using System.Collections.Generic;

namespace Itsm.Common;

/// <summary>
/// What one accepted command did to a record, as a type: for example
/// <see cref="Itsm.Incidents.IncidentAssigned"/> with its group and assignee. Every
/// <see cref="AuditEntry"/> carries one (<see cref="AuditEntry.Event"/>), so a host, the KPIs and the
/// SLA views switch on event types instead of command names and data keys.
/// </summary>
/// <remarks>
/// <para>An event is the typed reading of an audit entry's <see cref="AuditEntry.Command"/> and
/// <see cref="AuditEntry.Data"/>: the stored audit JSON is the stable contract, and each event type
/// documents the command name and data keys it maps to (docs/events.md lists them all). An entry
/// that no event type of this version reads (a command from a newer version, or data that does not
/// parse) reads as <see cref="UnrecognizedEvent"/>, never as an error.</para>
/// <para>Events are immutable records compared by value. Only this library defines event types.</para>
/// </remarks>
public abstract record DomainEvent
{
    private protected DomainEvent()
    {
    }

    /// <summary>The command name the audit entry records for this event, for example <c>"Assign"</c>.</summary>
    internal abstract string Command { get; }

    /// <summary>The audit entry's data for this event: the stored, stable form.</summary>
    internal abstract IReadOnlyDictionary<string, string> ToAuditData();
}

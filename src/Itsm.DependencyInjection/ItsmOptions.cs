using System;
using System.Collections.Generic;
using Itsm.BusinessTime;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Sla;

namespace Itsm.DependencyInjection;

/// <summary>
/// The engine's configuration in the options pattern: what <see cref="ItsmBuilder"/> sets, and what a
/// host may also set with <c>services.Configure&lt;ItsmOptions&gt;(...)</c>. Validated when the host
/// starts (or on first use without a host); every problem is listed in one
/// <c>OptionsValidationException</c>.
/// </summary>
public sealed class ItsmOptions
{
    /// <summary>The incident lifecycle settings.</summary>
    public IncidentOptions Incidents { get; set; } = IncidentOptions.Default;

    /// <summary>
    /// Tenants whose incidents follow their own settings instead of <see cref="Incidents"/>
    /// (<see cref="ItsmEngineOptions.IncidentsByTenant"/>): used when incidents are created and when they are loaded.
    /// </summary>
    public IDictionary<TenantId, IncidentOptions> IncidentsByTenant { get; } = new Dictionary<TenantId, IncidentOptions>();

    /// <summary>Who must approve changes, by type and risk.</summary>
    public ChangeAuthorityPolicy ChangeAuthority { get; set; } = ChangeAuthorityPolicy.Default;

    /// <summary>How record numbers read (<c>INC0000042</c>): prefixes per record type and zero padding; ServiceNow's by default.</summary>
    public TicketNumbering TicketNumbers { get; set; } = TicketNumbering.Default;

    /// <summary>The agreements whose clocks run on tickets.</summary>
    public IList<Agreement> Agreements { get; } = new List<Agreement>();

    /// <summary>The business calendars by id, as the agreements' targets name them.</summary>
    public IDictionary<string, BusinessCalendar> Calendars { get; } = new Dictionary<string, BusinessCalendar>(StringComparer.Ordinal);

    /// <summary>
    /// Chooses, per ticket, the calendar each SLA clock counts on when it attaches (by caller, customer,
    /// location or service); null (the default) for every target's own calendar
    /// (<see cref="ItsmEngineOptions.SlaCalendarResolver"/>).
    /// </summary>
    public SlaCalendarResolver? SlaCalendarResolver { get; set; }

    /// <summary>
    /// The calendar (an id among <see cref="Calendars"/>) approval levels' due times count in; null (the default) for
    /// elapsed time (<see cref="ItsmEngineOptions.ApprovalCalendarId"/>, docs/approvals.md).
    /// </summary>
    public string? ApprovalCalendarId { get; set; }

    /// <summary>
    /// The workflows records run: custom states inside the library states, per lifecycle, shared or per tenant
    /// (<see cref="ItsmEngineOptions.Workflows"/>, docs/workflows.md); empty by default. Set through
    /// <see cref="ItsmBuilder.AddWorkflow(Itsm.Workflows.Workflow)"/>, or replace it whole.
    /// </summary>
    public Itsm.Workflows.WorkflowCatalog Workflows { get; set; } = Itsm.Workflows.WorkflowCatalog.Empty;

    /// <summary>Whether the engine's command activities carry the tenant id (<see cref="ItsmEngineOptions.TraceTenant"/>); off by default.</summary>
    public bool TraceTenant { get; set; }

    /// <summary>The engine options these settings describe.</summary>
    /// <returns>An immutable copy.</returns>
    public ItsmEngineOptions ToEngineOptions() => new()
    {
        Incidents = Incidents,
        IncidentsByTenant = new Dictionary<TenantId, IncidentOptions>(IncidentsByTenant),
        ChangeAuthority = ChangeAuthority,
        TicketNumbers = TicketNumbers,
        Agreements = [.. Agreements],
        Calendars = new Dictionary<string, BusinessCalendar>(Calendars, StringComparer.Ordinal),
        SlaCalendarResolver = SlaCalendarResolver,
        ApprovalCalendarId = ApprovalCalendarId,
        TraceTenant = TraceTenant,

        // A null catalog is reported by the validator; the copy must not throw before it can be.
        Workflows = Workflows ?? Itsm.Workflows.WorkflowCatalog.Empty,
    };
}

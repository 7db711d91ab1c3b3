using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.BusinessTime;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Sla;
using Itsm.Text;

namespace Itsm.Engine;

/// <summary>
/// The configuration of an <see cref="ItsmEngine"/>: lifecycle settings applied to every record
/// it loads or creates, and the agreements and calendars its SLA clocks run on. Configuration is
/// not stored with records, so a change here applies to existing records from their next load.
/// </summary>
public sealed partial record ItsmEngineOptions
{
    /// <summary>The incident lifecycle settings and policies (priority matrix, work start, reopen, auto-close) of every tenant without its own in <see cref="IncidentsByTenant"/>.</summary>
    public IncidentOptions Incidents { get; init; } = IncidentOptions.Default;

    /// <summary>
    /// Tenants whose incidents follow their own settings and policies instead of <see cref="Incidents"/>
    /// (a managed-service provider whose customers' desks reopen or auto-close differently). Empty by default.
    /// </summary>
    public IReadOnlyDictionary<TenantId, IncidentOptions> IncidentsByTenant { get; init; } = new Dictionary<TenantId, IncidentOptions>();

    /// <summary>The incident options <paramref name="tenant"/>'s incidents follow: its entry in <see cref="IncidentsByTenant"/>, else <see cref="Incidents"/>.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <returns>The options.</returns>
    public IncidentOptions IncidentOptionsFor(TenantId tenant) =>
        IncidentsByTenant.TryGetValue(tenant, out var own) ? own : Incidents;

    /// <summary>The record types an engine numbers: every one it has a service for.</summary>
    internal static readonly string[] NumberedRecordTypes =
    [
        Incident.RecordType,
        Itsm.Problems.Problem.RecordType,
        Change.RecordType,
        Itsm.Requests.ServiceRequest.RecordType,
        Itsm.ServiceDesk.Interaction.RecordType,
        Itsm.Improvement.ImprovementItem.RecordType,
        Itsm.Knowledge.KnowledgeArticle.RecordType,
    ];

    /// <summary>
    /// The workflows records run: custom states inside the library states, per lifecycle, for every tenant or one
    /// (docs/workflows.md). A new record starts under its tenant's current workflow of its lifecycle and remembers
    /// the version; a record stored under a version the catalog no longer holds (as the current one or one it
    /// replaces) cannot be read. Empty by default: every record runs its library lifecycle alone.
    /// </summary>
    public Itsm.Workflows.WorkflowCatalog Workflows { get; init => field = value ?? throw new ArgumentNullException(nameof(Workflows)); } = Itsm.Workflows.WorkflowCatalog.Empty;

    /// <summary>Who must approve changes, by type and risk.</summary>
    public ChangeAuthorityPolicy ChangeAuthority { get; init; } = ChangeAuthorityPolicy.Default;

    /// <summary>
    /// The agreements whose clocks run on tickets (incidents and service requests). With none, records
    /// are stored without an SLA due instant.
    /// </summary>
    public IReadOnlyList<Agreement> Agreements { get; init; } = [];

    /// <summary>
    /// The calendar (an id among <see cref="Calendars"/>) in whose working time approval levels' due times count
    /// (<see cref="Itsm.Approvals.ApprovalLevel.Due"/>): a level due in 8 hours that starts on Friday at 16:00 on a
    /// 09:00–17:00 calendar is due on Monday at 16:00. <see langword="null"/> (the default) counts them in elapsed
    /// time. The due instant of the level waiting goes into the record's due index (<see cref="RecordIndex.SlaDueAt"/>),
    /// and the SLA worker records it overdue (docs/approvals.md, "Approval SLA").
    /// </summary>
    public string? ApprovalCalendarId { get; init; }

    /// <summary>The business calendars by id, as the agreements' targets name them.</summary>
    public IReadOnlyDictionary<string, BusinessCalendar> Calendars { get; init; } = new Dictionary<string, BusinessCalendar>(StringComparer.Ordinal);

    /// <summary>
    /// Chooses, per ticket, the calendar (and so the time zone) each SLA clock counts on when it attaches:
    /// by caller, customer, location or service, read from the ticket snapshot (ServiceNow's SLA time zone
    /// source); <see langword="null"/> (the default) counts every clock on its target's
    /// <see cref="SlaTarget.CalendarId"/>. The choice is stored with the clock, so it never changes calendar
    /// part-way; a replay of the audit log (the SLA evaluation, <see cref="ItsmEngine.RecomputeIncidentSlaAsync"/>,
    /// the bulk recompute) asks the resolver again and gets the same choice from the same history.
    /// A resolver that names a calendar not in <see cref="Calendars"/> fails the command that attaches the
    /// clock with <see cref="KeyNotFoundException"/>; nothing is saved. See <see cref="Itsm.Sla.SlaCalendarResolver"/>
    /// and docs/sla.md ("A calendar per customer").
    /// </summary>
    public SlaCalendarResolver? SlaCalendarResolver { get; init; }

    /// <summary>
    /// The service model commands are checked against, or <see langword="null"/> (the default) to check
    /// nothing. With a model, a command that names a service, offering, configuration item, supplier or
    /// support group the model does not hold (or an offering of another service) is refused before it runs,
    /// with <see cref="Itsm.Common.DomainRuleViolationException"/> code
    /// <see cref="Itsm.Services.ServiceModel.UnknownReferenceCode"/> listing every unknown id; nothing is written.
    /// Records already stored are not re-checked: a model that drops an id does not make them unreadable.
    /// With <see cref="Agreements"/> too (not empty), <see cref="Validate"/> reports what
    /// <see cref="Itsm.Services.ServiceModelBuilder.CheckAgreements"/> reports: a supplier whose contract is not an
    /// underpinning contract naming that supplier, an underpinning contract whose supplier is not in the model, and a
    /// service or offering naming an agreement that is not among <see cref="Agreements"/>. With no agreements the
    /// model's agreement ids are not checked (a host that runs no clocks may keep them as references to contracts
    /// managed elsewhere). A tenant's stored service model (<c>ItsmEngine.ServiceModels</c>), when it has one, takes
    /// this one's place; its edits through the engine are checked against <see cref="Agreements"/> the same way
    /// (an edit that adds a broken link is refused with <see cref="Itsm.Services.ServiceModel.InvalidModelCode"/>).
    /// </summary>
    public Itsm.Services.ServiceModel? ServiceModel { get; init; }

    /// <summary>
    /// How record numbers read (<c>INC0000042</c>): a prefix per record type and the zero padding; see
    /// <see cref="TicketNumbering"/>. ServiceNow's prefixes and seven digits by default.
    /// </summary>
    public TicketNumbering TicketNumbers { get; init; } = TicketNumbering.Default;

    /// <summary>Every problem with these options, each as a sentence naming the setting; empty when they are valid.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Incidents is null)
        {
            errors.Add("Incidents: the incident options are missing.");
        }

        if (Incidents is { AutoCloseCalendarId: { } autoCloseCalendar } && Calendars is not null && !Calendars.ContainsKey(autoCloseCalendar))
        {
            errors.Add($"Incidents: the auto-close calendar '{QuotedText.Of(autoCloseCalendar)}' is not among the calendars.");
        }

        if (ApprovalCalendarId is { } approvalCalendar && Calendars is not null && !Calendars.ContainsKey(approvalCalendar))
        {
            errors.Add($"ApprovalCalendarId: the approval calendar '{QuotedText.Of(approvalCalendar)}' is not among the calendars.");
        }

        if (IncidentsByTenant is null)
        {
            errors.Add("IncidentsByTenant: the per-tenant incident options are missing.");
        }
        else
        {
            foreach (var (tenant, own) in IncidentsByTenant)
            {
                if (own is null)
                {
                    errors.Add($"IncidentsByTenant: the incident options of tenant '{tenant}' are null.");
                }
                else if (own.AutoCloseCalendarId is { } calendarId && Calendars is not null && !Calendars.ContainsKey(calendarId))
                {
                    errors.Add($"IncidentsByTenant: the auto-close calendar '{QuotedText.Of(calendarId)}' of tenant '{tenant}' is not among the calendars.");
                }
            }
        }

        if (TicketNumbers is null)
        {
            errors.Add("TicketNumbers: the ticket numbering is missing.");
        }
        else
        {
            errors.AddRange(TicketNumbers.Validate(NumberedRecordTypes));
        }

        if (ChangeAuthority is null)
        {
            errors.Add("ChangeAuthority: the change authority policy is missing.");
        }

        if (Calendars is null)
        {
            errors.Add("Calendars: the calendar dictionary is missing.");
        }
        else
        {
            foreach (var (id, calendar) in Calendars)
            {
                if (calendar is null)
                {
                    errors.Add($"Calendars: the calendar '{QuotedText.Of(id)}' is null.");
                }
            }
        }

        if (Agreements is null)
        {
            errors.Add("Agreements: the agreement list is missing.");
            return errors;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var agreement in Agreements)
        {
            if (agreement is null)
            {
                errors.Add("Agreements: an agreement is null.");
                continue;
            }

            if (!ids.Add(agreement.Id))
            {
                errors.Add($"Agreements: two agreements have the id '{QuotedText.Of(agreement.Id)}'.");
            }

            foreach (var calendarId in agreement.Targets.Select(t => t.CalendarId).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                if (Calendars is not null && !Calendars.ContainsKey(calendarId))
                {
                    errors.Add($"Agreements: agreement '{QuotedText.Of(agreement.Id)}' runs on calendar '{QuotedText.Of(calendarId)}', which is not among the calendars.");
                }
            }
        }

        if (ServiceModel is { } model && Agreements.Count > 0)
        {
            foreach (var problem in Itsm.Services.SupplierContracts.Problems(model.Services, model.Offerings, model.Suppliers, Agreements, servicesToo: true))
            {
                errors.Add("ServiceModel: " + problem);
            }
        }

        return errors;
    }
}

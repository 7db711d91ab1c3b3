using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.BusinessTime;
using Itsm.Common;
using Itsm.Improvement;
using Itsm.Incidents;
using Itsm.Workflows;
using NodaTime;

namespace Itsm.Samples.ServiceDesk;

/// <summary>One custom state of a workflow, beside the library state it refines.</summary>
/// <param name="Workflow">The workflow's id.</param>
/// <param name="RecordType">The record type that runs it.</param>
/// <param name="LibraryState">The library state the custom state belongs to (what SLAs and KPIs count it as).</param>
/// <param name="CustomState">The custom state.</param>
/// <param name="Entered">Audit entries that moved a record into it (since the history began).</param>
/// <param name="InNow">Records in it at the history's end.</param>
public sealed record WorkflowStateCount(string Workflow, string RecordType, string LibraryState, string CustomState, int Entered, int InNow);

/// <summary>
/// What the workflows did, read back from the audit log: entries into each custom state, records in it now, and the
/// incidents that waited for a change, measured by the library's KPIs, which count them under InProgress.
/// </summary>
/// <param name="States">Every custom state of the catalog's workflows: by workflow id, then in the workflow's order.</param>
/// <param name="AwaitedChange">Incidents that were ever in Awaiting Change.</param>
/// <param name="AwaitedChangeKpis">The library's KPIs over those incidents alone (their time in Awaiting Change counts as InProgress).</param>
/// <param name="PeerReviews">Peer reviews taken (the named transition into Ready for CAB).</param>
public sealed record WorkflowReport(IReadOnlyList<WorkflowStateCount> States, int AwaitedChange, KpiSet AwaitedChangeKpis, int PeerReviews)
{
    /// <summary>Reads the report from the audit log.</summary>
    /// <param name="entries">Every audit entry of the tenant, in commit order.</param>
    /// <param name="catalog">The workflows whose custom states to count.</param>
    /// <param name="tenant">The tenant.</param>
    /// <param name="period">The period the KPIs cover.</param>
    /// <param name="calendar">The calendar of the business-time KPIs.</param>
    /// <returns>The report.</returns>
    public static WorkflowReport From(IReadOnlyList<AuditEntry> entries, WorkflowCatalog catalog, TenantId tenant, Interval period, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(catalog);

        // A record's custom state is the last one an entry carried; it still holds while the record stays in its library state.
        var last = new Dictionary<string, (string RecordType, string LibraryState, string? Custom)>(StringComparer.Ordinal);
        var entered = new Dictionary<(string RecordType, string State), int>();
        foreach (var e in entries)
        {
            string? custom = e.WorkflowState ?? (last.TryGetValue(e.RecordId, out var before) ? before.Custom : null);
            last[e.RecordId] = (e.RecordType, e.ToState, custom);
            if (e.WorkflowState is { } state)
            {
                entered[(e.RecordType, state)] = entered.GetValueOrDefault((e.RecordType, state)) + 1;
            }
        }

        var states = new List<WorkflowStateCount>();
        // By id: the catalog's own order follows its hash table, which differs from one process to the next.
        foreach (var workflow in catalog.Workflows.OrderBy(w => w.Id, StringComparer.Ordinal))
        {
            foreach (var state in workflow.StateNames)
            {
                string parent = workflow.ParentNameOf(state)!;
                if (parent != state)
                {
                    int inNow = last.Values.Count(r => r.RecordType == workflow.RecordType && r.Custom == state && r.LibraryState == parent);
                    states.Add(new WorkflowStateCount(workflow.Id, workflow.RecordType, parent, state, entered.GetValueOrDefault((workflow.RecordType, state)), inNow));
                }
            }
        }

        var awaited = entries.Where(e => e.RecordType == Incident.RecordType && e.WorkflowState == ServiceDeskWorkflows.AwaitingChange).Select(e => e.RecordId).ToHashSet(StringComparer.Ordinal);
        var kpis = KpiCalculator.Compute(entries.Where(e => awaited.Contains(e.RecordId)), tenant, period, null, calendar).Overall;
        int peerReviews = entered.GetValueOrDefault((Itsm.Changes.Change.RecordType, ServiceDeskWorkflows.ReadyForCab));
        return new WorkflowReport(states, awaited.Count, kpis, peerReviews);
    }
}

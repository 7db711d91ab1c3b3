using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using NodaTime;

namespace Itsm.Governance;

/// <summary>
/// Evaluates controls (<see cref="ControlDefinition"/>) against a tenant's audit log over a period, in one
/// streaming pass, into a <see cref="ControlReport"/>: each control's population and its deviations with their
/// records and ticket numbers. docs/governance.md defines every kind and shows a worked report.
/// </summary>
public static class ControlEvaluator
{
    /// <summary>Evaluates <paramref name="controls"/> over <paramref name="period"/>.</summary>
    /// <param name="entries">Audit entries in time order per record (records may interleave), for example
    /// everything <c>ItsmEngine.ReadAuditAsync</c> returns from the first record's opening to the period's end. Entries of
    /// other tenants and other record types are skipped; so are entries of a change, incident or service request whose
    /// opening entry is not among them (with a <see cref="ControlWarning"/>). Entries at or after the period's end are not read.</param>
    /// <param name="tenant">The tenant.</param>
    /// <param name="period">The period <c>[Start, End)</c>; both ends must be set.</param>
    /// <param name="controls">The controls, with distinct ids.</param>
    /// <param name="options">The change authority policy, calendar and ticket numbers; <see langword="null"/> for <see cref="ControlEvaluationOptions.Default"/>.</param>
    /// <returns>The report: one result per control, in the order given.</returns>
    /// <remarks>
    /// <para>One pass over the entries; it keeps a few fields per record still open (a change's current approvals,
    /// bounded like the change's own), forgets a record when it is closed, canceled or rejected, and does work per entry
    /// proportional to the controls (and a blackout control's windows): never the record's history again. The result
    /// depends only on the entries of each record, not on how records interleave.</para>
    /// <para>The report is only as complete as the entries: pass every entry from before the period that decides a
    /// record's state in it (a change implemented in the period may have been approved months before).</para>
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="entries"/> or <paramref name="controls"/> is null or holds a null;
    /// two controls share an id; <paramref name="tenant"/> is default; <paramref name="period"/> is unbounded; a control
    /// counts business days and <see cref="ControlEvaluationOptions.Calendar"/> is null; an entry is earlier than the previous
    /// one of the same record.</exception>
    public static ControlReport Evaluate(
        IEnumerable<AuditEntry> entries,
        TenantId tenant,
        Interval period,
        IEnumerable<ControlDefinition> controls,
        ControlEvaluationOptions? options = null)
    {
        AuditLogPass.CheckArguments(entries, tenant, period);
        var list = CheckControls(controls);
        options ??= ControlEvaluationOptions.Default;
        if (options.Calendar is null && Array.Exists(list, c => c.DayCount == DayCount.Business))
        {
            throw new ArgumentException("A control counts business days, so the options need a business calendar.", nameof(options));
        }

        var pass = new ControlPass(tenant, period, list, options);
        foreach (var entry in entries)
        {
            pass.Read(entry);
        }

        return pass.Finish();
    }

    private static ControlDefinition[] CheckControls(IEnumerable<ControlDefinition> controls)
    {
        var list = controls?.ToArray() ?? throw new ArgumentException("The controls are null.", nameof(controls));
        if (Array.Exists(list, c => c is null))
        {
            throw new ArgumentException("A control is null.", nameof(controls));
        }

        if (list.GroupBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"The control id '{IdText.Quote(twice.Key)}' is used twice.", nameof(controls));
        }

        return list;
    }
}

using System.Collections.Generic;
using Itsm.Common;
using NodaTime;

namespace Itsm.Changes;

/// <summary>The authorised change was scheduled on the change calendar for its window; an emergency change may pass blackouts and maintenance windows, which are recorded.</summary>
/// <remarks>Audit entry: command <c>Schedule</c>; data keys <c>window</c>, <c>approvals</c>, <c>passedBlackouts</c>, <c>outsideMaintenance</c> (a null value is left out).</remarks>
/// <param name="Window">The planned window, <c>[Start, End)</c>.</param>
/// <param name="Approvals">The number of approvals it was scheduled with.</param>
/// <param name="PassedBlackouts">The blackouts an emergency change passed, as recorded: their names joined with a comma and a space; null when none.</param>
/// <param name="OutsideMaintenance">The services whose maintenance windows an emergency change passed, as recorded: joined with a comma and a space; null when none.</param>

public sealed record ChangeScheduled(Interval Window, int Approvals, string? PassedBlackouts, string? OutsideMaintenance) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Schedule";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("window", Window.ToString()), ("approvals", AuditData.Number(Approvals)), ("passedBlackouts", PassedBlackouts), ("outsideMaintenance", OutsideMaintenance));

    internal static ChangeScheduled? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var window = ChangeWindowText.Read(r.Required("window"));
        var read = new ChangeScheduled(window.GetValueOrDefault(), (int)r.Number("approvals", int.MinValue, int.MaxValue), r.Optional("passedBlackouts"), r.Optional("outsideMaintenance"));
        return r.Ok && window is not null ? read : null;
    }
}

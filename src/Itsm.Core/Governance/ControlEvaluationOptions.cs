using System;
using Itsm.BusinessTime;
using Itsm.Changes;

namespace Itsm.Governance;

/// <summary>What <see cref="ControlEvaluator.Evaluate"/> needs besides the controls and the audit log: the engine's configuration the records were held to, and how to show ticket numbers.</summary>
public sealed record ControlEvaluationOptions
{
    /// <summary>The options with every default.</summary>
    public static ControlEvaluationOptions Default { get; } = new();

    /// <summary>
    /// Which authority must approve a change, by type and risk: the policy the engine runs with
    /// (<c>ItsmEngineOptions.ChangeAuthority</c>); <see cref="ChangeAuthorityPolicy.Default"/> unless given.
    /// <see cref="ControlKind.NormalChangeAuthorized"/> checks the approvals against it.
    /// </summary>
    public ChangeAuthorityPolicy ChangeAuthority { get; init; } = ChangeAuthorityPolicy.Default;

    /// <summary>
    /// The business calendar days are counted on: required by a control that counts <see cref="DayCount.Business"/>
    /// days; its <see cref="BusinessCalendar.Zone"/> also gives the local dates of <see cref="DayCount.Calendar"/>
    /// days. <see langword="null"/> (the default): calendar days in UTC.
    /// </summary>
    public BusinessCalendar? Calendar { get; init; }

    /// <summary>
    /// Turns a record type and id into the ticket number people know it by (for example with the store's
    /// <c>RecordSummary.Number</c> and the engine's <c>TicketNumbering.Format</c>), or <see langword="null"/> when
    /// unknown. <see langword="null"/> (the default): reports carry ids only.
    /// </summary>
    public Func<string, string, string?>? TicketNumbers { get; init; }
}

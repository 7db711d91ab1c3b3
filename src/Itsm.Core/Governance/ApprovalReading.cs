using System;
using System.Collections.Generic;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Requests;

namespace Itsm.Governance;

/// <summary>
/// What an audit event means for approvals, in one place: an approval (by whom, holding which roles), a
/// voiding of the approvals held so far, or nothing. The controls read approvals only through this, so
/// that when approval chains add events (levels, delegation) only this reading follows.
/// </summary>
/// <param name="Step">What happened.</param>
/// <param name="ApproverId">Who approved, for <see cref="ApprovalStep.Approved"/>.</param>
/// <param name="Roles">The roles they approved with, for <see cref="ApprovalStep.Approved"/>.</param>
/// <param name="Level">The chain level a change's approval was given at (its name), or null for a one-level chain.</param>
/// <param name="OnBehalfOf">Whom a change's approver stood in for (a delegation), or null.</param>
internal readonly record struct ApprovalReading(ApprovalStep Step, string? ApproverId, IReadOnlyList<string> Roles, string? Level = null, string? OnBehalfOf = null)
{
    private static readonly ApprovalReading Nothing = new(ApprovalStep.None, null, []);
    private static readonly ApprovalReading Voided = new(ApprovalStep.Voided, null, []);

    internal static ApprovalReading Of(DomainEvent @event, Actor actor) => @event switch
    {
        // A change's approval records the approver and roles in its data; a request's is the entry's actor.
        ChangeApproved approved => new(ApprovalStep.Approved, approved.Approver, SplitRoles(approved.Roles), approved.Level, approved.OnBehalfOf),
        ChangeRejected or ChangePlanEdited or ChangeWindowEdited => Voided,
        // A request's service-model edit while it awaits approval restarts its chain (the event counts what it voided).
        TicketServiceChanged { VoidedApprovals: not null } or TicketConfigurationItemAdded { VoidedApprovals: not null }
            or TicketConfigurationItemRemoved { VoidedApprovals: not null } or TicketSupplierAssigned { VoidedApprovals: not null } => Voided,
        // A request's chain records each approval that leaves it waiting as its own event; the last is Approve.
        ServiceRequestApproved or ServiceRequestApprovalRecorded => new(ApprovalStep.Approved, actor.Id, actor.Roles),
        _ => Nothing,
    };

    private static string[] SplitRoles(string roles) =>
        roles.Length == 0 ? [] : roles.Split(", ", StringSplitOptions.None);
}

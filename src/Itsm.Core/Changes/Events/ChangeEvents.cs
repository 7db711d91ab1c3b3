using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Changes;

/// <summary>Reads the audit entries of changes as typed events (docs/events.md lists the mapping).</summary>
internal static class ChangeEvents
{
    internal static DomainEvent? Read(string command, IReadOnlyDictionary<string, string> data) =>
        command switch
        {
            ChangeOpened.CommandName => ChangeOpened.Read(data),
            ChangeSubmitted.CommandName => ChangeSubmitted.Read(data),
            ChangeRiskAssessed.CommandName => ChangeRiskAssessed.Read(data),
            ChangeAuthorizationRequested.CommandName => ChangeAuthorizationRequested.Read(data),
            ChangeApproved.CommandName => ChangeApproved.Read(data),
            ChangeApprovalDelegated.CommandName => ChangeApprovalDelegated.Read(data),
            Approvals.ApprovalLevelOverdue.CommandName => Approvals.ApprovalLevelOverdue.Read(data),
            ChangeRejected.CommandName => ChangeRejected.Read(data),
            ChangeScheduled.CommandName => ChangeScheduled.Read(data),
            ChangePlanEdited.CommandName => ChangePlanEdited.Read(data),
            ChangeWindowEdited.CommandName => ChangeWindowEdited.Read(data),
            ChangeImplementationStarted.CommandName => ChangeImplementationStarted.Read(data),
            ChangeImplementationCompleted.CommandName => ChangeImplementationCompleted.Read(data),
            ChangeClosed.CommandName => ChangeClosed.Read(data),
            ChangeCanceled.CommandName => ChangeCanceled.Read(data),
            ChangeAssigned.CommandName => ChangeAssigned.Read(data),
            _ => TicketServiceFields.ReadEvent(command, data),
        };
}

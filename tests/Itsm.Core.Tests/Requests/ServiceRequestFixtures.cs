using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Requests;
using NodaTime;
using NodaTime.Testing;
using Itsm.Services;

namespace Itsm.Core.Tests.Requests;

/// <summary>Catalog items, actors, a fake clock and service requests in each state.</summary>
internal static class ServiceRequestFixtures
{
    public static TenantId Tenant { get; } = new("acme");

    public static Actor Requester { get; } = new("caller.jones");

    public static Actor Approver { get; } = new("manager.brown", "approver_user");

    public static Actor Fulfiller { get; } = new("tech.green", "itil");

    /// <summary>Needs an approval.</summary>
    public static CatalogItem Laptop { get; } = new("laptop-standard", requiresApproval: true);

    /// <summary>Needs no approval.</summary>
    public static CatalogItem PasswordReset { get; } = new("password-reset", requiresApproval: false);

    public static Instant Monday0900 { get; } = Instant.FromUtc(2026, 11, 30, 9, 0);

    public static IReadOnlyList<ServiceRequestState> AllStates { get; } = Enum.GetValues<ServiceRequestState>();

    public static IReadOnlyList<ServiceRequestCommand> AllCommands { get; } = Enum.GetValues<ServiceRequestCommand>();

    /// <summary>The commands each state permits, as docs/lifecycles/README.md lists them (declaration order).</summary>
    private static readonly ServiceRequestCommand[] ServiceModelCommands =
        [ServiceRequestCommand.ChangeService, ServiceRequestCommand.AddConfigurationItem, ServiceRequestCommand.RemoveConfigurationItem];

    // The journal commands, permitted in every state that is not final (docs/journal.md).
    private static readonly ServiceRequestCommand[] JournalCommands =
        [ServiceRequestCommand.AddWorkNote, ServiceRequestCommand.AddComment, ServiceRequestCommand.LogTime];

    public static IReadOnlyDictionary<ServiceRequestState, ServiceRequestCommand[]> Permitted { get; } = new Dictionary<ServiceRequestState, ServiceRequestCommand[]>
    {
        [ServiceRequestState.Submitted] = [ServiceRequestCommand.RequestApproval, ServiceRequestCommand.StartFulfilment, ServiceRequestCommand.Cancel, ServiceRequestCommand.SlaThreshold, ServiceRequestCommand.Assign, ServiceRequestCommand.Unassign, .. ServiceModelCommands, ServiceRequestCommand.AssignToSupplier, .. JournalCommands],
        [ServiceRequestState.AwaitingApproval] = [ServiceRequestCommand.Approve, ServiceRequestCommand.Reject, ServiceRequestCommand.Cancel, ServiceRequestCommand.SlaThreshold, ServiceRequestCommand.Assign, ServiceRequestCommand.Unassign, .. ServiceModelCommands, ServiceRequestCommand.AssignToSupplier, ServiceRequestCommand.RecordApproval, ServiceRequestCommand.DelegateApproval, ServiceRequestCommand.ApprovalOverdue, .. JournalCommands],
        [ServiceRequestState.Fulfilling] = [ServiceRequestCommand.Fulfil, ServiceRequestCommand.Cancel, ServiceRequestCommand.SlaThreshold, ServiceRequestCommand.Assign, ServiceRequestCommand.Unassign, .. ServiceModelCommands, ServiceRequestCommand.AssignToSupplier, .. JournalCommands],
        [ServiceRequestState.Fulfilled] = [ServiceRequestCommand.Close, ServiceRequestCommand.SlaThreshold, ServiceRequestCommand.Assign, ServiceRequestCommand.Unassign, .. ServiceModelCommands, ServiceRequestCommand.RecordSatisfaction, .. JournalCommands],
        [ServiceRequestState.Closed] = [ServiceRequestCommand.RecordSatisfaction],
        [ServiceRequestState.Rejected] = [],
        [ServiceRequestState.Canceled] = [],
    };

    public static FakeClock NewClock() => new(Monday0900);

    /// <summary>The SLA worker's system actor.</summary>
    public static Actor SlaWorker { get; } = new("itsm-sla-worker", "system");

    public static ServiceRequest Submit(FakeClock clock, CatalogItem item, Priority? priority = null) =>
        ServiceRequest.Submit(Tenant, ServiceRequestId.New(), Requester, item, clock, priority);

    /// <summary>
    /// A request brought to <paramref name="state"/>, five minutes a step: through approval (a laptop)
    /// for AwaitingApproval and Rejected, without (a password reset) for the others.
    /// </summary>
    public static ServiceRequest InState(ServiceRequestState state, FakeClock clock)
    {
        var item = state is ServiceRequestState.AwaitingApproval or ServiceRequestState.Rejected ? Laptop : PasswordReset;
        var request = Submit(clock, item);
        void Step(Action<ServiceRequest> command)
        {
            clock.Advance(Duration.FromMinutes(5));
            command(request);
        }

        switch (state)
        {
            case ServiceRequestState.Submitted:
                break;
            case ServiceRequestState.AwaitingApproval:
                Step(r => r.RequestApproval(Fulfiller));
                break;
            case ServiceRequestState.Fulfilling:
                Step(r => r.StartFulfilment(Fulfiller));
                break;
            case ServiceRequestState.Fulfilled:
                Step(r => r.StartFulfilment(Fulfiller));
                Step(r => r.Fulfil(Fulfiller, "Password reset; temporary one sent by SMS."));
                break;
            case ServiceRequestState.Closed:
                Step(r => r.StartFulfilment(Fulfiller));
                Step(r => r.Fulfil(Fulfiller, "Password reset; temporary one sent by SMS."));
                Step(r => r.Close(Fulfiller));
                break;
            case ServiceRequestState.Rejected:
                Step(r => r.RequestApproval(Fulfiller));
                Step(r => r.Reject(Approver, "Not in the budget."));
                break;
            case ServiceRequestState.Canceled:
                Step(r => r.Cancel(Requester, "No longer needed."));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(state));
        }

        Assert.Equal(state, request.State);
        clock.Advance(Duration.FromMinutes(5));
        return request;
    }

    /// <summary>Issues <paramref name="command"/> with valid arguments.</summary>
    public static void Issue(ServiceRequest request, ServiceRequestCommand command)
    {
        switch (command)
        {
            case ServiceRequestCommand.RequestApproval: request.RequestApproval(Fulfiller); break;
            case ServiceRequestCommand.Approve: request.Approve(Approver, "Fine."); break;
            case ServiceRequestCommand.Reject: request.Reject(Approver, "No."); break;
            case ServiceRequestCommand.StartFulfilment: request.StartFulfilment(Fulfiller); break;
            case ServiceRequestCommand.Fulfil: request.Fulfil(Fulfiller, "Done."); break;
            case ServiceRequestCommand.Close: request.Close(Fulfiller); break;
            case ServiceRequestCommand.Cancel: request.Cancel(Requester, "Changed my mind."); break;
            case ServiceRequestCommand.Assign: request.Assign(Fulfiller, new SupportGroupId("Service desk"), Fulfiller.Id); break;
            case ServiceRequestCommand.Unassign: request.Unassign(Fulfiller); break;
            case ServiceRequestCommand.ChangeService: request.ChangeService(Fulfiller, new ServiceId("workplace")); break;
            case ServiceRequestCommand.AddConfigurationItem: request.AddConfigurationItem(Fulfiller, new ConfigurationItemId(request.ConfigurationItems.Count == 0 ? "laptop-01" : "laptop-02")); break;
            case ServiceRequestCommand.RemoveConfigurationItem: request.RemoveConfigurationItem(Fulfiller, request.ConfigurationItems.Count > 0 ? request.ConfigurationItems[0] : new ConfigurationItemId("laptop-01")); break;
            case ServiceRequestCommand.AssignToSupplier: request.AssignToSupplier(Fulfiller, request.Supplier is null ? new SupplierId("acme-net") : null); break;
            case ServiceRequestCommand.AddWorkNote: request.AddWorkNote(Fulfiller, "Laptop imaged."); break;
            case ServiceRequestCommand.AddComment: request.AddComment(Fulfiller, "Your laptop ships tomorrow."); break;
            case ServiceRequestCommand.LogTime: request.LogTime(Fulfiller, Duration.FromMinutes(45)); break;
            case ServiceRequestCommand.SlaThreshold: request.RecordSlaThreshold(SlaWorker, new("ola-desk", Itsm.Sla.SlaMetric.Resolution, 100.0, Itsm.Sla.SlaThresholdKind.Breach, (request.LastSlaThreshold?.DueAt ?? request.SubmittedAt) + Duration.FromSeconds(1))); break;
            case ServiceRequestCommand.RecordApproval: request.Approve(Approver, "Fine so far."); break;
            case ServiceRequestCommand.DelegateApproval: request.DelegateApproval(Approver, "deputy.white"); break;
            case ServiceRequestCommand.ApprovalOverdue: request.RecordApprovalOverdue(SlaWorker); break;
            case ServiceRequestCommand.RecordSatisfaction: request.RecordSatisfaction(Fulfiller, 5, null, "requester.rita"); break;
            case ServiceRequestCommand.TransitionWorkflow: request.TransitionWorkflow(Fulfiller, "escalate"); break;
            default: throw new ArgumentOutOfRangeException(nameof(command));
        }
    }

    public static RecordProbe Probe(this ServiceRequest request) => RecordProbe.Of(
        ServiceRequest.RecordType,
        request.Id.ToString(),
        request.Tenant,
        () => request.State.ToString(),
        () => request.Version,
        () => request.UncommittedAuditEntries,
        () => (request.Priority, request.ApproverId, request.SubmittedAt, request.RequesterId, request.Item, request.AssignmentGroup, request.AssignedTo));

    public static string[] Names(IEnumerable<ServiceRequestCommand> commands) => commands.Select(c => c.ToString()).ToArray();
}

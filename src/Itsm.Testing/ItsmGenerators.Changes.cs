using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Requests;
using Itsm.Services;
using Itsm.Testing.Models;
using NodaTime;
using Interval = NodaTime.Interval;

namespace Itsm.Testing;

// Record histories for the lifecycle runner: changes and service requests.
public static partial class ItsmGenerators
{
    /// <summary>
    /// The risk questionnaire generated <see cref="AssessChangeRisk"/> commands answer: one question,
    /// <c>impact</c>, answered <c>none</c> (low), <c>some</c> (moderate) or <c>all</c> (high); the
    /// <c>Payments</c> service is critical (high).
    /// </summary>
    public static RiskPolicy ChangeRiskPolicy { get; } = new(
        [new RiskQuestion("impact", "How many users does the change affect?", new Dictionary<string, int> { ["none"] = 0, ["some"] = 3, ["all"] = 6 })],
        moderateFrom: 3,
        highFrom: 6,
        criticalServices: ["Payments"]);

    private static readonly Instant FirstWindow = Instant.FromUtc(2026, 2, 2, 22, 0);

    /// <summary>
    /// Change commands with valid arguments, every kind: submit, risk assessment (<see cref="ChangeRiskPolicy"/>,
    /// with and without an outage), request authorisation, approve, reject, schedule (an hour's window on
    /// an empty change calendar), edit the plan or window, start and complete the implementation, close
    /// (every review outcome), cancel, the scope commands (service, configuration items, supplier) and the group.
    /// </summary>
    public static Gen<RecordCommand<Change>> ChangeCommands =>
        Gen.Frequency(
            (2, Gen.Constant<RecordCommand<Change>>(new SubmitChange())),
            (2, from answer in Gen.Elements("none", "some", "all")
                from outage in Gen.Elements(false, true)
                select (RecordCommand<Change>)new AssessChangeRisk(ChangeRiskPolicy, new Dictionary<string, string> { ["impact"] = answer }, outage)),
            (2, Gen.Constant<RecordCommand<Change>>(new RequestChangeAuthorization())),
            // The main path's commands are frequent, approvals most: a CAB needs three from the right people.
            (8, Gen.Constant<RecordCommand<Change>>(new ApproveChange())),
            (1, Gen.Constant<RecordCommand<Change>>(new RejectChange("The back-out plan is missing"))),
            (2, ChangeWindows.Select(w => (RecordCommand<Change>)new ScheduleChange(w, ChangeCalendar.Empty))),
            (1, Gen.Elements("Patch the relay, then restart it", "Replace the certificate").Select(p => (RecordCommand<Change>)new EditChangePlan(p))),
            (1, ChangeWindows.Select(w => (RecordCommand<Change>)new EditChangeWindow(w))),
            (2, Gen.Constant<RecordCommand<Change>>(new StartChangeImplementation())),
            (2, Gen.Constant<RecordCommand<Change>>(new CompleteChangeImplementation())),
            (2, Gen.Elements(System.Enum.GetValues<ChangeReviewOutcome>()).Select(o => (RecordCommand<Change>)new CloseChange(o, "Reviewed"))),
            (1, Gen.Constant<RecordCommand<Change>>(new CancelChange("No longer needed"))),
            (1, JournalCommands<Change>(t => new AddChangeWorkNote(t), t => new AddChangeComment(t), (d, n) => new LogChangeTime(d, n))),
            (3, TicketFieldCommands<Change>(
                (s, o) => new ChangeChangeService(s, o),
                i => new AddChangeConfigurationItem(i),
                i => new RemoveChangeConfigurationItem(i),
                s => new AssignChangeToSupplier(s))),
            (1, Gen.Elements<SupportGroupId?>(null, new SupportGroupId("change-team"), new SupportGroupId("network")).Select(g => (RecordCommand<Change>)new AssignChange(g))));

    /// <summary>
    /// Change histories for <see cref="LifecycleRunner"/>: an <see cref="OpenChange"/> of every type
    /// (standard, normal, emergency) and rejection policy, on the mail relay and the Email, the critical Payments or no service,
    /// with or without a planned implementer, then 0-40 <see cref="ChangeCommands"/> from
    /// <see cref="LifecycleActors"/> (CAB and ECAB members included), steered so that every state is
    /// reached under <see cref="ChangeAuthorityPolicy.Default"/>.
    /// </summary>
    public static Gen<LifecycleScenario<Change, ChangeId>> ChangeScenarios =>
        ChangeScenariosOf(Gen.Elements(ChangeType.Standard, ChangeType.Normal, ChangeType.Normal, ChangeType.Emergency));

    private static Gen<LifecycleScenario<Change, ChangeId>> ChangeScenariosOf(Gen<ChangeType> types) =>
        from type in types
        from rejection in Gen.Elements(RejectionPolicy.ReturnToNew, RejectionPolicy.Cancel)
        from service in Gen.Elements<ServiceId?>(null, new ServiceId("Email"), new ServiceId("Payments"))
        from implementer in Gen.Elements<string?>(null, "agent-2")
        from scenario in Scenarios(
            NonEmptyGuids.Select(g => new ChangeId(g)),
            Gen.Constant<CreateCommand<Change>>(new OpenChange(type, "Patch the mail relay", "Patch, then restart", service, [new ConfigurationItemId("mail-relay")], implementer, rejection)),
            // Approvers (the manager and the CAB) come up often: a high-risk change needs three of them.
            Steps(ChangeCommands, Gen.Frequency((1, LifecycleActor), (1, Gen.Elements(LifecycleActors[2], LifecycleActors[3], LifecycleActors[4], LifecycleActors[5])))),
            (create, actor) => ChangeModel.Opened((OpenChange)create, actor, ChangeAuthorityPolicy.Default),
            maxSteps: 40)
        select scenario;

    /// <summary>Changes in any reachable state (<see cref="ChangeScenarios"/> run through an <see cref="ItsmTestEngine"/>).</summary>
    public static Gen<Change> Changes => ChangeScenarios.Select(s => RunToRecord(s, e => e.Changes));

    /// <summary>
    /// Service request commands with valid arguments: request approval, start fulfilment, approve, reject,
    /// fulfil, close, cancel, assign and unassign. (SLA thresholds come from the SLA worker and are not generated.)
    /// </summary>
    public static Gen<RecordCommand<ServiceRequest>> ServiceRequestCommands =>
        Gen.OneOf(
            Gen.Constant<RecordCommand<ServiceRequest>>(new RequestServiceRequestApproval()),
            Gen.Constant<RecordCommand<ServiceRequest>>(new StartServiceRequestFulfilment()),
            Gen.Elements<string?>(null, "Budget confirmed").Select(c => (RecordCommand<ServiceRequest>)new ApproveServiceRequest(c)),
            Gen.Constant<RecordCommand<ServiceRequest>>(new RejectServiceRequest("Not in the budget")),
            Gen.Constant<RecordCommand<ServiceRequest>>(new FulfilServiceRequest("Delivered the laptop")),
            Gen.Constant<RecordCommand<ServiceRequest>>(new CloseServiceRequest()),
            Gen.Constant<RecordCommand<ServiceRequest>>(new CancelServiceRequest("Ordered twice")),
            Assignments.Select(a => (RecordCommand<ServiceRequest>)new AssignServiceRequest(a.Group is null ? null : new SupportGroupId(a.Group), a.Assignee)),
            Gen.Constant<RecordCommand<ServiceRequest>>(new UnassignServiceRequest()),
            from score in Gen.Choose(1, 5) from comment in Gen.Elements<string?>(null, "Fast delivery") select (RecordCommand<ServiceRequest>)new RecordServiceRequestSatisfaction(score, comment, "requester"),
            TicketFieldCommands<ServiceRequest>(
                (s, o) => new ChangeServiceRequestService(s, o),
                i => new AddServiceRequestConfigurationItem(i),
                i => new RemoveServiceRequestConfigurationItem(i),
                s => new AssignServiceRequestToSupplier(s)),
            JournalCommands<ServiceRequest>(t => new AddServiceRequestWorkNote(t), t => new AddServiceRequestComment(t), (d, n) => new LogServiceRequestTime(d, n)));

    /// <summary>
    /// Service request histories: a <see cref="SubmitServiceRequest"/> for a catalog item that needs approval
    /// (a laptop, with variables and valid answers from <see cref="CatalogAnswers"/>) or not (with or without a
    /// priority), by the caller or an agent, then 0-20 <see cref="ServiceRequestCommands"/>.
    /// </summary>
    public static Gen<LifecycleScenario<ServiceRequest, ServiceRequestId>> ServiceRequestScenarios =>
        from approval in Gen.Elements(false, true)
        from priority in Gen.Elements<Priority?>(null, new Priority(3))
        from answers in approval ? CatalogAnswers(LaptopItem) : Gen.Constant(CatalogValues.Empty)
        from scenario in Scenarios(
            NonEmptyGuids.Select(g => new ServiceRequestId(g)),
            Gen.Constant<CreateCommand<ServiceRequest>>(new SubmitServiceRequest(approval ? LaptopItem : new CatalogItem("password-reset", false), priority)
            {
                Service = approval ? new ServiceId("Workplace") : null,
                ConfigurationItems = approval ? [new ConfigurationItemId("laptop-pool")] : null,
                Variables = approval ? answers : null,
            }),
            Steps(ServiceRequestCommands),
            (create, actor) => ServiceRequestModel.Submitted((SubmitServiceRequest)create, actor),
            Gen.Elements(LifecycleActors[^1], LifecycleActors[0]),
            maxSteps: 20)
        select scenario;

    /// <summary>Service requests in any reachable state (<see cref="ServiceRequestScenarios"/> run through an <see cref="ItsmTestEngine"/>).</summary>
    public static Gen<ServiceRequest> ServiceRequests => ServiceRequestScenarios.Select(s => RunToRecord(s, e => e.ServiceRequests));

    private static Gen<Interval> ChangeWindows =>
        Gen.Choose(0, 20).Select(d => new Interval(FirstWindow + Duration.FromDays(d), FirstWindow + Duration.FromDays(d) + Duration.FromHours(1)));
}

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.Requests;

namespace Itsm.Samples.WebApi;

/// <summary>
/// The sample's authorization rule: each command type, and each read of a record type, names the
/// roles allowed; anything not listed is refused (the engine fails closed). The engine asks it on every
/// path: before every command, every read of a record (<see cref="ReadRecord"/>, <see cref="ReadHistory"/>)
/// and every list (<see cref="QueryRecords"/>). The API offers no audit or feed reads and no
/// <c>SaveAsync</c>, so <see cref="ReadAudit"/>, <see cref="ReadFeed"/> and <see cref="SaveRecord"/> are refused.
/// </summary>
/// <remarks>
/// Roles: <c>itil</c> (service desk agents and resolvers), <c>caller</c> (end users),
/// <c>incident_manager</c>, <c>problem_manager</c>, <c>change_manager</c>, <c>peer</c>,
/// <c>group_manager</c>, <c>cab</c>, <c>ecab</c> (change approvers; which of them a change needs
/// follows from its type and risk, and the engine checks that as rule <c>ITSM-CHG-APPROVE-002</c>),
/// <c>implementer</c>, and <c>approver</c> (service requests). A caller may read and reopen only incidents
/// they called in, read only service requests they submitted, and may not list.
/// </remarks>
public sealed class RoleAuthorizer : IItsmAuthorizer
{
    // Commands are keyed by their type (the authorizer sees the typed command the engine will run);
    // reads by record type and operation type.
    private static readonly Dictionary<Type, string[]> CommandRules = [];

    private static readonly Dictionary<(string RecordType, Type Operation), string[]> ReadRules = Build();

    /// <inheritdoc />
    public ValueTask<bool> IsAuthorizedAsync(Actor actor, ItsmOperation operation, ItsmResource resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(resource);
        bool allowed = operation switch
        {
            ItsmCommand command => CommandRules.TryGetValue(command.GetType(), out var roles) && Array.Exists(roles, actor.HasRole) && CallerOwns(actor, resource),
            ReadRecord or ReadHistory => MayRead(actor, operation, resource) && CallerReadsOwn(actor, resource),
            QueryRecords => MayRead(actor, operation, resource),
            _ => false,
        };
        return ValueTask.FromResult(allowed);
    }

    private static bool MayRead(Actor actor, ItsmOperation operation, ItsmResource resource) =>
        resource.RecordType is { } type && ReadRules.TryGetValue((type, operation.GetType()), out var roles) && Array.Exists(roles, actor.HasRole);

    private static bool IsCallerOnly(Actor actor) => actor.HasRole("caller") && !actor.HasRole("itil") && !actor.HasRole("incident_manager");

    // Whose a record is, for a caller: the incident's caller, the request's requester.
    private static bool IsOwnedByCaller(string recordType) => recordType is Incident.RecordType or ServiceRequest.RecordType;

    private static string? OwnerOf(object? record) => record switch
    {
        Incident incident => incident.CallerId,
        ServiceRequest request => request.RequesterId,
        _ => null,
    };

    // A caller acts only on their own record (a create has no record yet).
    private static bool CallerOwns(Actor actor, ItsmResource resource) =>
        resource.Record is null || !IsOwnedByCaller(resource.RecordType ?? string.Empty) || !IsCallerOnly(actor)
        || string.Equals(OwnerOf(resource.Record), actor.Id, StringComparison.Ordinal);

    // A caller reads only their own record; a missing one is refused like another's, so a caller cannot
    // tell which ids exist.
    private static bool CallerReadsOwn(Actor actor, ItsmResource resource) =>
        !IsCallerOnly(actor) || resource.RecordType is not { } type || !IsOwnedByCaller(type)
        || string.Equals(OwnerOf(resource.Record), actor.Id, StringComparison.Ordinal);

    private static Dictionary<(string, Type), string[]> Build()
    {
        var rules = new Dictionary<(string, Type), string[]>();
        void Allow(string roles, params Type[] commands)
        {
            foreach (var command in commands)
            {
                CommandRules[command] = roles.Split(',');
            }
        }

        void AllowRead(string type, string roles, params Type[] operations)
        {
            foreach (var operation in operations)
            {
                rules[(type, operation)] = roles.Split(',');
            }
        }

        Allow("itil,caller,incident_manager", typeof(OpenIncident));
        AllowRead(Incident.RecordType, "itil,caller,incident_manager", typeof(ReadRecord), typeof(ReadHistory));
        AllowRead(Incident.RecordType, "itil,incident_manager", typeof(QueryRecords));
        Allow("itil", typeof(AssignIncident), typeof(UnassignIncident), typeof(StartIncidentWork), typeof(PutIncidentOnHold), typeof(ChangeIncidentHoldReason), typeof(ResumeIncident), typeof(ResolveIncident), typeof(CloseIncident), typeof(CancelIncident), typeof(ChangeIncidentImpactOrUrgency), typeof(EscalateIncidentFunctionally));
        Allow("itil,incident_manager", typeof(EscalateIncidentHierarchically));
        Allow("caller,itil", typeof(ReopenIncident));
        // Who may try a workflow's named transition at all; the transition's own guard (roles, fields) decides the rest.
        Allow("itil,incident_manager,change_manager", typeof(TransitionIncidentWorkflow));

        AllowRead("Problem", "itil,problem_manager", typeof(ReadRecord), typeof(ReadHistory), typeof(QueryRecords));
        Allow("problem_manager", typeof(OpenProblem), typeof(AssessProblem), typeof(StartProblemRootCauseAnalysis), typeof(RecordProblemRootCause), typeof(DocumentProblemWorkaround), typeof(MarkProblemAsKnownError), typeof(StartProblemFix), typeof(ResolveProblem), typeof(CloseProblem), typeof(CancelProblem), typeof(AssignProblem), typeof(UnassignProblem), typeof(TransitionProblemWorkflow));

        AllowRead(ServiceRequest.RecordType, "itil,caller", typeof(ReadRecord), typeof(ReadHistory));
        AllowRead(ServiceRequest.RecordType, "itil", typeof(QueryRecords));
        Allow("itil,caller", typeof(SubmitServiceRequest));
        Allow("itil", typeof(AssignServiceRequest), typeof(UnassignServiceRequest), typeof(RequestServiceRequestApproval), typeof(StartServiceRequestFulfilment), typeof(FulfilServiceRequest), typeof(CloseServiceRequest), typeof(CancelServiceRequest), typeof(TransitionServiceRequestWorkflow));
        Allow("approver", typeof(ApproveServiceRequest), typeof(RejectServiceRequest));

        AllowRead("Change", "itil,change_manager,peer,group_manager,cab,ecab,implementer", typeof(ReadRecord), typeof(ReadHistory), typeof(QueryRecords));
        Allow("itil,change_manager", typeof(OpenChange), typeof(SubmitChange), typeof(AssessChangeRisk), typeof(RequestChangeAuthorization), typeof(ScheduleChange), typeof(CancelChange));
        Allow("peer,group_manager,change_manager,cab,ecab", typeof(ApproveChange), typeof(RejectChange));
        Allow("implementer", typeof(StartChangeImplementation), typeof(CompleteChangeImplementation));
        Allow("change_manager", typeof(CloseChange));
        Allow("itil,change_manager,peer,implementer", typeof(TransitionChangeWorkflow));
        return rules;
    }
}

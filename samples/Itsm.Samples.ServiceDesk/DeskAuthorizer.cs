using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Improvement;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.ServiceDesk;

namespace Itsm.Samples.ServiceDesk;

/// <summary>
/// The desk's role-based rule: each command type names the roles allowed to run it; reads and saves
/// have rules of their own; anything not listed is refused. Plus one attribute-based rule: a caller
/// acts on, and reads, only the incidents they called in.
/// </summary>
public sealed class DeskAuthorizer : IItsmAuthorizer
{
    // Keyed by command type: the authorizer sees the typed command the engine will run.
    private static readonly Dictionary<Type, string[]> Rules = Build();

    // Every role of the desk's staff and systems reads everything; callers read only their own incidents.
    private static readonly string[] Readers = ["service_desk", "resolver", "incident_manager", "problem_manager", "change_manager", "change_requester", "cab", "approver", "implementer", "peer", "ecab", "service_owner", "system"];

    // Saves of records commanded outside ExecuteAsync: the desk's intake (classifying a contact and raising
    // its ticket) and the multi-record resolutions of a major incident or a problem.
    private static readonly string[] Savers = ["service_desk", "resolver", "incident_manager", "problem_manager", "system"];

    /// <summary>How many operations were refused (the simulation expects none).</summary>
    public int Denied { get; private set; }

    /// <inheritdoc />
    public ValueTask<bool> IsAuthorizedAsync(Actor actor, ItsmOperation operation, ItsmResource resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(resource);
        bool allowed = operation switch
        {
            ItsmCommand command => Rules.TryGetValue(command.GetType(), out var roles) && Array.Exists(roles, actor.HasRole),
            ReadRecord or ReadHistory => Array.Exists(Readers, actor.HasRole)
                || (actor.HasRole("caller") && resource.RecordType == Itsm.Incidents.Incident.RecordType),
            QueryRecords or ReadAudit or ReadFeed => Array.Exists(Readers, actor.HasRole),
            // The journal: a caller reads the comments of their own incident; work notes and time worked are the staff's.
            ReadJournal => Array.Exists(Readers, actor.HasRole) || (actor.HasRole("caller") && resource.RecordType == Itsm.Incidents.Incident.RecordType),
            ReadWorkNotes => Array.Exists(Readers, actor.HasRole),
            SaveRecord => Array.Exists(Savers, actor.HasRole),
            _ => false,
        };
        if (allowed && actor.HasRole("caller") && !Array.Exists(Readers, actor.HasRole) && resource.RecordType == Itsm.Incidents.Incident.RecordType && operation is not OpenIncident)
        {
            // A caller acts only on their own incident, and reads only it (a missing one included: no probing).
            allowed = resource.Record is Itsm.Incidents.Incident incident && string.Equals(incident.CallerId, actor.Id, StringComparison.Ordinal);
        }

        // Withholding work notes from a caller is the rule working, not a refusal.
        if (!allowed && operation is not ReadWorkNotes)
        {
            Denied++;
        }

        return ValueTask.FromResult(allowed);
    }

    private static Dictionary<Type, string[]> Build()
    {
        var rules = new Dictionary<Type, string[]>();
        void Allow(string roles, params Type[] commands)
        {
            foreach (var command in commands)
            {
                rules[command] = roles.Split(',');
            }
        }

        Allow("service_desk,system", typeof(LogInteraction));
        // Monitoring (a system actor) raises incidents from its alerts: the intake classifies its interaction.
        Allow("service_desk,system", typeof(ClassifyInteractionAsIncident));
        Allow("service_desk", typeof(ClassifyInteractionAsServiceRequest), typeof(AnswerInteraction));

        Allow("service_desk,system", typeof(OpenIncident));
        Allow("service_desk,resolver", typeof(AssignIncident), typeof(UnassignIncident), typeof(StartIncidentWork), typeof(PutIncidentOnHold), typeof(ChangeIncidentHoldReason), typeof(ResumeIncident), typeof(EscalateIncidentFunctionally), typeof(ChangeIncidentImpactOrUrgency), typeof(CancelIncident),
            typeof(AddIncidentConfigurationItem), typeof(RemoveIncidentConfigurationItem), typeof(ChangeIncidentService), typeof(AssignIncidentToSupplier));
        // The problem manager resolves the incidents waiting for a problem when it resolves the problem.
        Allow("service_desk,resolver,problem_manager", typeof(ResolveIncident));
        Allow("caller,service_desk,resolver", typeof(RecordCallerResponse));
        Allow("caller", typeof(ReopenIncident));
        Allow("service_desk,resolver,incident_manager", typeof(AddIncidentWorkNote), typeof(LogIncidentTime));
        Allow("caller,service_desk,resolver,incident_manager", typeof(AddIncidentComment));
        Allow("service_desk,incident_manager,system", typeof(CloseIncident));
        Allow("incident_manager,system", typeof(EscalateIncidentHierarchically));
        Allow("incident_manager", typeof(PromoteIncidentToMajor), typeof(DemoteIncidentFromMajor), typeof(AttachIncidentToParent), typeof(RecordPostIncidentReview));
        Allow("problem_manager,resolver", typeof(LinkIncidentToProblem));
        Allow("change_manager,problem_manager", typeof(LinkIncidentToCausingChange));
        // Who may move an incident between Contoso's own states at all; each named transition's guard says who may take it.
        Allow("service_desk,resolver,incident_manager,change_manager", typeof(TransitionIncidentWorkflow));

        Allow("caller,service_desk", typeof(SubmitServiceRequest));
        Allow("service_desk", typeof(RequestServiceRequestApproval));
        Allow("approver,finance", typeof(ApproveServiceRequest), typeof(RejectServiceRequest), typeof(DelegateServiceRequestApproval));
        Allow("service_desk,resolver", typeof(AssignServiceRequest), typeof(UnassignServiceRequest), typeof(StartServiceRequestFulfilment), typeof(FulfilServiceRequest), typeof(CancelServiceRequest));
        Allow("service_desk,system", typeof(CloseServiceRequest));

        Allow("problem_manager", typeof(OpenProblem), typeof(AssessProblem), typeof(StartProblemRootCauseAnalysis), typeof(RecordProblemRootCause), typeof(DocumentProblemWorkaround), typeof(MarkProblemAsKnownError), typeof(StartProblemFix), typeof(RaiseProblemChange), typeof(UnlinkProblemIncident), typeof(ResolveProblem), typeof(CloseProblem), typeof(CancelProblem), typeof(AssignProblem), typeof(UnassignProblem));
        Allow("problem_manager,resolver", typeof(LinkProblemIncident));

        Allow("change_requester,change_manager", typeof(OpenChange), typeof(SubmitChange), typeof(AssessChangeRisk), typeof(RequestChangeAuthorization), typeof(ScheduleChange), typeof(EditChangePlan), typeof(EditChangeWindow), typeof(CancelChange));
        Allow("cab,ecab,peer,group_manager,change_manager", typeof(ApproveChange), typeof(RejectChange));
        Allow("implementer", typeof(StartChangeImplementation), typeof(CompleteChangeImplementation));
        Allow("change_manager", typeof(CloseChange));
        Allow(ServiceDeskWorkflows.PeerReviewerRole + ",change_requester,change_manager", typeof(TransitionChangeWorkflow));

        Allow("problem_manager", typeof(ProposeImprovementItem), typeof(UpdateImprovementItem), typeof(StartImprovementItem), typeof(CompleteImprovementItem));
        Allow("service_owner", typeof(ApproveImprovementItem), typeof(RejectImprovementItem));
        return rules;
    }
}

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Persistence;

namespace Itsm.Samples.ServiceDesk;

/// <summary>
/// The desk's role-based rule: each (record type, action) names the roles allowed to run it;
/// anything not listed is refused. Plus one attribute-based rule: only the caller of an incident
/// may reopen it or answer for it as a caller.
/// </summary>
public sealed class DeskAuthorizer : IItsmAuthorizer
{
    private static readonly Dictionary<(string RecordType, string Action), string[]> Rules = Build();

    /// <summary>How many commands were refused (the simulation expects none).</summary>
    public int Denied { get; private set; }

    /// <inheritdoc />
    public ValueTask<bool> IsAuthorizedAsync(Actor actor, ItsmCommand command, ItsmResource resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var action = command.Name;
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(resource);
        bool allowed = Rules.TryGetValue((resource.RecordType, action), out var roles) && Array.Exists(roles, actor.HasRole);
        if (allowed && actor.HasRole("caller") && resource.Record is Itsm.Incidents.Incident incident)
        {
            // A caller acts only on their own incident.
            allowed = string.Equals(incident.CallerId, actor.Id, StringComparison.Ordinal);
        }

        if (!allowed)
        {
            Denied++;
        }

        return ValueTask.FromResult(allowed);
    }

    private static Dictionary<(string, string), string[]> Build()
    {
        var rules = new Dictionary<(string, string), string[]>();
        void Allow(string type, string roles, params string[] actions)
        {
            foreach (var action in actions)
            {
                rules[(type, action)] = roles.Split(',');
            }
        }

        Allow("Interaction", "service_desk,system", "Log");
        Allow("Interaction", "service_desk", "ClassifyAsIncident", "ClassifyAsServiceRequest", "Answer");

        Allow("Incident", "service_desk,system", "Open");
        Allow("Incident", "service_desk,resolver", "Assign", "PutOnHold", "Resume", "Resolve", "EscalateFunctionally", "ChangeImpactOrUrgency", "Cancel");
        Allow("Incident", "caller,service_desk,resolver", "RecordCallerResponse");
        Allow("Incident", "caller", "Reopen");
        Allow("Incident", "service_desk,incident_manager,system", "Close");
        Allow("Incident", "incident_manager,system", "EscalateHierarchically");
        Allow("Incident", "incident_manager", "PromoteToMajor", "DemoteFromMajor", "AttachToParent", "RecordPostIncidentReview");
        Allow("Incident", "problem_manager,resolver", "LinkProblem");
        Allow("Incident", "change_manager,problem_manager", "LinkCausedByChange");

        Allow("ServiceRequest", "caller,service_desk", "Submit");
        Allow("ServiceRequest", "service_desk", "RequestApproval");
        Allow("ServiceRequest", "approver", "Approve", "Reject");
        Allow("ServiceRequest", "service_desk,resolver", "StartFulfilment", "Fulfil", "Cancel");
        Allow("ServiceRequest", "service_desk,system", "Close");

        Allow("Problem", "problem_manager", "Open", "Assess", "StartRootCauseAnalysis", "RecordRootCause", "DocumentWorkaround", "MarkAsKnownError", "StartFix", "RaiseChange", "UnlinkIncident", "Resolve", "Close", "Cancel");
        Allow("Problem", "problem_manager,resolver", "LinkIncident");

        Allow("Change", "change_requester,change_manager", "Open", "Submit", "AssessRisk", "RequestAuthorization", "Schedule", "EditPlan", "EditWindow", "Cancel");
        Allow("Change", "cab,change_manager", "Approve", "Reject");
        Allow("Change", "implementer", "StartImplementation", "CompleteImplementation");
        Allow("Change", "change_manager", "Close");
        return rules;
    }
}

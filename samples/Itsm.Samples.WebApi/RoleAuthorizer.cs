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

namespace Itsm.Samples.WebApi;

/// <summary>
/// The sample's authorization rule: each (record type, action) names the roles allowed to run it,
/// and anything not listed is refused (the engine fails closed). The engine asks it before every
/// command; the API asks <see cref="Allows"/> with action <see cref="ReadAction"/> before every read.
/// </summary>
/// <remarks>
/// Roles: <c>itil</c> (service desk agents and resolvers), <c>caller</c> (end users),
/// <c>incident_manager</c>, <c>problem_manager</c>, <c>change_manager</c>, <c>peer</c>,
/// <c>group_manager</c>, <c>cab</c>, <c>ecab</c> (change approvers; which of them a change needs
/// follows from its type and risk, and the engine checks that as rule <c>ITSM-CHG-APPROVE-002</c>),
/// and <c>implementer</c>. A caller may read and reopen only incidents they called in.
/// </remarks>
public sealed class RoleAuthorizer : IItsmAuthorizer
{
    /// <summary>The action the API asks about before it returns a record or a list.</summary>
    public const string ReadAction = "Read";

    /// <summary>The action the API asks about before it lists a record type (the resource's id is <c>*</c>).</summary>
    public const string ListAction = "List";

    // Commands are keyed by their type (the authorizer sees the typed command the engine will run);
    // reads, which are not commands, by record type and action name.
    private static readonly Dictionary<Type, string[]> CommandRules = [];

    private static readonly Dictionary<(string RecordType, string Action), string[]> ReadRules = Build();

    /// <inheritdoc />
    public ValueTask<bool> IsAuthorizedAsync(Actor actor, ItsmCommand command, ItsmResource resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(resource);
        bool allowed = CommandRules.TryGetValue(command.GetType(), out var roles) && Array.Exists(roles, actor.HasRole);
        return ValueTask.FromResult(allowed && CallerOwns(actor, resource));
    }

    /// <summary>
    /// The rule for reads, by action name: the engine's commands come through <see cref="IsAuthorizedAsync"/>,
    /// keyed by command type; the API asks about <see cref="ReadAction"/> and <see cref="ListAction"/> here,
    /// since reads are not commands.
    /// </summary>
    /// <param name="actor">Who asks.</param>
    /// <param name="action"><see cref="ReadAction"/> or <see cref="ListAction"/>.</param>
    /// <param name="resource">The record.</param>
    /// <returns>Whether the actor may.</returns>
    public static bool Allows(Actor actor, string action, ItsmResource resource)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(resource);
        bool allowed = ReadRules.TryGetValue((resource.RecordType, action), out var roles) && Array.Exists(roles, actor.HasRole);
        return allowed && CallerOwns(actor, resource);
    }

    // A caller acts only on their own incident.
    private static bool CallerOwns(Actor actor, ItsmResource resource) =>
        resource.Record is not Incident incident || !actor.HasRole("caller") || actor.HasRole("itil")
        || string.Equals(incident.CallerId, actor.Id, StringComparison.Ordinal);

    private static Dictionary<(string, string), string[]> Build()
    {
        var rules = new Dictionary<(string, string), string[]>();
        void Allow(string roles, params Type[] commands)
        {
            foreach (var command in commands)
            {
                CommandRules[command] = roles.Split(',');
            }
        }

        void AllowRead(string type, string roles, params string[] actions)
        {
            foreach (var action in actions)
            {
                rules[(type, action)] = roles.Split(',');
            }
        }

        Allow("itil,caller,incident_manager", typeof(OpenIncident));
        AllowRead(Incident.RecordType, "itil,caller,incident_manager", ReadAction);
        AllowRead(Incident.RecordType, "itil,incident_manager", ListAction);
        Allow("itil", typeof(AssignIncident), typeof(PutIncidentOnHold), typeof(ResumeIncident), typeof(ResolveIncident), typeof(CloseIncident), typeof(CancelIncident), typeof(ChangeIncidentImpactOrUrgency), typeof(EscalateIncidentFunctionally));
        Allow("itil,incident_manager", typeof(EscalateIncidentHierarchically));
        Allow("caller,itil", typeof(ReopenIncident));

        AllowRead("Problem", "itil,problem_manager", ReadAction, ListAction);
        Allow("problem_manager", typeof(OpenProblem), typeof(AssessProblem), typeof(StartProblemRootCauseAnalysis), typeof(RecordProblemRootCause), typeof(DocumentProblemWorkaround), typeof(MarkProblemAsKnownError), typeof(StartProblemFix), typeof(ResolveProblem), typeof(CloseProblem), typeof(CancelProblem));

        AllowRead("Change", "itil,change_manager,peer,group_manager,cab,ecab,implementer", ReadAction, ListAction);
        Allow("itil,change_manager", typeof(OpenChange), typeof(SubmitChange), typeof(AssessChangeRisk), typeof(RequestChangeAuthorization), typeof(ScheduleChange), typeof(CancelChange));
        Allow("peer,group_manager,change_manager,cab,ecab", typeof(ApproveChange), typeof(RejectChange));
        Allow("implementer", typeof(StartChangeImplementation), typeof(CompleteChangeImplementation));
        Allow("change_manager", typeof(CloseChange));
        return rules;
    }
}

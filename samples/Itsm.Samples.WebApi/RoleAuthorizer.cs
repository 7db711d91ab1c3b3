using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Engine;
using Itsm.Persistence;

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

    private static readonly Dictionary<(string RecordType, string Action), string[]> Rules = Build();

    /// <inheritdoc />
    public ValueTask<bool> IsAuthorizedAsync(Actor actor, ItsmCommand command, ItsmResource resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return ValueTask.FromResult(Allows(actor, command.Name, resource));
    }

    /// <summary>
    /// The rule itself, by action name: the engine's commands come through <see cref="IsAuthorizedAsync"/>;
    /// the API asks about <see cref="ReadAction"/> and <see cref="ListAction"/> directly, since reads are not commands.
    /// </summary>
    /// <param name="actor">Who asks.</param>
    /// <param name="action">A command's name, <see cref="ReadAction"/> or <see cref="ListAction"/>.</param>
    /// <param name="resource">The record.</param>
    /// <returns>Whether the actor may.</returns>
    public static bool Allows(Actor actor, string action, ItsmResource resource)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(resource);
        bool allowed = Rules.TryGetValue((resource.RecordType, action), out var roles) && Array.Exists(roles, actor.HasRole);
        if (allowed && resource.Record is Incident incident && actor.HasRole("caller") && !actor.HasRole("itil"))
        {
            // A caller acts only on their own incident.
            allowed = string.Equals(incident.CallerId, actor.Id, StringComparison.Ordinal);
        }

        return allowed;
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

        Allow(Incident.RecordType, "itil,caller,incident_manager", ReadAction, "Open");
        Allow(Incident.RecordType, "itil,incident_manager", ListAction);
        Allow(Incident.RecordType, "itil", "Assign", "PutOnHold", "Resume", "Resolve", "Close", "Cancel", "ChangeImpactOrUrgency", "EscalateFunctionally");
        Allow(Incident.RecordType, "itil,incident_manager", "EscalateHierarchically");
        Allow(Incident.RecordType, "caller,itil", "Reopen");

        Allow("Problem", "itil,problem_manager", ReadAction, ListAction);
        Allow("Problem", "problem_manager", "Open", "Assess", "StartRootCauseAnalysis", "RecordRootCause", "DocumentWorkaround", "MarkAsKnownError", "StartFix", "Resolve", "Close", "Cancel");

        Allow("Change", "itil,change_manager,peer,group_manager,cab,ecab,implementer", ReadAction, ListAction);
        Allow("Change", "itil,change_manager", "Open", "Submit", "AssessRisk", "RequestAuthorization", "Schedule", "Cancel");
        Allow("Change", "peer,group_manager,change_manager,cab,ecab", "Approve", "Reject");
        Allow("Change", "implementer", "StartImplementation", "CompleteImplementation");
        Allow("Change", "change_manager", "Close");
        return rules;
    }
}

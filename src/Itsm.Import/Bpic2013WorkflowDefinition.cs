using Itsm.Incidents;
using Itsm.Workflows;

namespace Itsm.Import;

/// <summary>
/// The incident workflow of the BPI Challenge 2013 log (Volvo IT's Siebel sub-statuses), built once: each
/// sub-status a custom state inside the library state it belongs to, and a named transition, called like its
/// target, between every two sub-states of one library state (the log moves between them in any order).
/// </summary>
internal static class Bpic2013WorkflowDefinition
{
    /// <summary>The workflow's id.</summary>
    internal const string Id = "bpic2013-incident";

    /// <summary>
    /// The sub-states of each library state, the entry (where a library command lands) first. The Siebel sub-status
    /// "Resolved" is the custom state "Solved": a custom state cannot be named like a library state.
    /// </summary>
    private static readonly (IncidentState Parent, string[] States)[] Groups =
    [
        // Accepted/In Progress is the work itself; Queued/Awaiting Assignment on a ticket already worked is a reassignment
        // (10,166 of its 11,544 rows come after work started), so the ticket waits in a queue inside InProgress.
        (IncidentState.InProgress, ["In Progress", "Assigned", "Awaiting Assignment"]),

        // Accepted/Wait gives no reason: the neutral entry, from which the reason-bearing waits are named.
        (IncidentState.OnHold, ["Wait", "Wait - User", "Wait - Customer", "Wait - Vendor", "Wait - Implementation"]),
        (IncidentState.Resolved, ["Solved", "In Call"]),
    ];

    internal static Workflow<IncidentState, IncidentCommand> Build()
    {
        var builder = WorkflowBuilder.ForIncidents(Id);
        foreach (var (parent, states) in Groups)
        {
            for (int i = 0; i < states.Length; i++)
            {
                builder.State(states[i], parent, isEntry: i == 0);
                foreach (var to in states)
                {
                    if (to != states[i])
                    {
                        builder.Transition(to, states[i], to);
                    }
                }
            }
        }

        return builder.Build();
    }
}

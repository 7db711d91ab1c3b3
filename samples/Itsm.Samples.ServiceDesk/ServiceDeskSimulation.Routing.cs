using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Routing;
using NodaTime;

namespace Itsm.Samples.ServiceDesk;

// Routing: the rules choose an incident's group, round-robin or least-loaded its person (Itsm.Routing).
public sealed partial class ServiceDeskSimulation
{
    private readonly Dictionary<string, RoundRobinCursor> _cursors = new(StringComparer.Ordinal);
    private readonly List<RoutedIncident> _routed = [];

    /// <summary>The group and person a new incident goes to; the round-robin cursor is the state the desk keeps per group.</summary>
    private async Task<(DeskGroup Group, Actor Agent)> RouteAsync(Incident incident)
    {
        var decision = DeskRouting.Rules.Route(RoutingFacts.ForIncident(incident, location: DeskRouting.LocationOf(incident.CallerId)));
        var group = GroupOf(decision.Group.Value);
        var members = group.Members.Select(m => m.Id).ToArray();
        _cursors.TryGetValue(group.Name, out var cursor);
        bool leastLoaded = DeskRouting.UsesLeastLoaded(group.Name);
        var choice = leastLoaded
            ? AgentSelector.LeastLoaded(members, await WorkloadAsync(group.Name).ConfigureAwait(false), cursor)
            : AgentSelector.RoundRobin(members, cursor);
        _cursors[group.Name] = choice.Cursor;
        _routed.Add(new RoutedIncident(incident.Id.ToString(), incident.Service?.Value, decision.Rule?.Name ?? "fallback", group.Name,
            leastLoaded ? "least-loaded" : "round-robin", choice.Agent!));
        return (group, group.Members.First(m => m.Id == choice.Agent));
    }

    /// <summary>The open incidents (New, InProgress, OnHold) of each person in the group, read from the store.</summary>
    private async Task<Workload> WorkloadAsync(string group)
    {
        var open = await _engine.Incidents.QueryAsync(_tenant, Dispatcher, new RecordQuery { OpenOnly = true, AssignmentGroup = group }, _ct).ConfigureAwait(false);
        var assignees = new List<string?>();
        foreach (var summary in open.Where(s => s.Index.State is nameof(IncidentState.New) or nameof(IncidentState.InProgress) or nameof(IncidentState.OnHold)))
        {
            var incident = await _engine.Incidents.GetAsync(_tenant, new IncidentId(Guid.Parse(summary.RecordId)), Dispatcher, _ct).ConfigureAwait(false);
            assignees.Add(incident.AssignedTo);
        }

        return Workload.FromAssignees(assignees);
    }

    private RoutingReport BuildRoutingReport()
    {
        var rota = DeskRouting.NetworkRota(_firstDay);
        var zone = ServiceDeskModel.Calendar.Zone;
        var lines = DeskRouting.OnCallQuestions(_firstDay).Select(local =>
        {
            var at = local.InZoneLeniently(zone).ToInstant();
            var answer = rota.OnCallAt(new Itsm.Services.SupportGroupId("Network"), at);
            return new OnCallLine(at, local, answer.Person, answer.Explanation);
        }).ToArray();
        return new RoutingReport(_routed.ToArray(), lines);
    }
}

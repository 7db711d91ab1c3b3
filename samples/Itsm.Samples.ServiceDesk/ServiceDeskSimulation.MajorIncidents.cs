using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.ServiceDesk;
using Itsm.Sla;
using NodaTime;
using Itsm.Services;

namespace Itsm.Samples.ServiceDesk;

// The major incident story: the outage, its child incidents, resolution and review.
public sealed partial class ServiceDeskSimulation
{
    private void ScheduleMajorIncidentStory()
    {
        // Around 40% into the run, on a working day at 10:12, the mail relay goes down.
        var date = _firstDay.PlusDays((int)(_settings.Days * 0.4));
        for (int i = 0; i < 7 && _calendar.GetWorkingIntervals(date).Count == 0; i++)
        {
            date = date.PlusDays(1);
        }

        var at = date.At(new LocalTime(10, 12)).InZoneLeniently(_calendar.Zone).ToInstant();
        Schedule(at, MajorIncidentAsync);
    }

    private async Task MajorIncidentAsync()
    {
        var monitoring = ServiceDeskModel.Monitoring;
        var email = ServiceDeskModel.Services.First(s => s.Name == "Email");
        var interactionId = new InteractionId(NewGuid(1));
        await _engine.Interactions.CreateAsync(_tenant, interactionId, monitoring,
            new LogInteraction(Channel.Monitoring, "monitoring", "Alert: mail relay refuses connections"), null, _ct).ConfigureAwait(false);
        _commands++;
        _interactions++;
        _alerts++;
        var id = new IncidentId(NewGuid(2));
        await RaiseAsync(interactionId, id, monitoring, Impact.High, Urgency.High, email.Name).ConfigureAwait(false);
        _incidents++;
        _majors++;
        _children[id] = [];

        var manager = ServiceDeskModel.IncidentManager;
        var messaging = GroupOf(email.Group);
        // The incident manager starts work on the alert at once; the messaging group is brought in after.
        Schedule(AfterWall(1), () => IncidentCommandAsync(id, manager, new StartIncidentWork()));
        Schedule(AfterWall(4), () => IncidentCommandAsync(id, manager, new AssignIncident(new SupportGroupId(messaging.Name), messaging.Members[0].Id)));
        Schedule(AfterWall(9), () => IncidentCommandAsync(id, manager, new PromoteIncidentToMajor("Company-wide email outage.")));

        // Users call in about it: each call becomes a child of the major incident.
        int calls = 4 + _random.Next(4);
        for (int c = 0; c < calls; c++)
        {
            var callAt = AfterWall(12 + _random.Next(100));
            int caller = _random.Next(1, ServiceDeskModel.Employees + 1);
            Schedule(callAt, async () =>
            {
                var agent = DeskAgent();
                var callId = new InteractionId(NewGuid(1));
                await _engine.Interactions.CreateAsync(_tenant, callId, agent,
                    new LogInteraction(Channel.Phone, ServiceDeskModel.CallerId(caller), "Cannot send or receive email"), null, _ct).ConfigureAwait(false);
                _commands++;
                _interactions++;
                await RaiseIncidentAsync(callId, agent, email, mayResolveOnFirstContact: false, defect: null, parent: id, (Impact.Medium, Urgency.High)).ConfigureAwait(false);
            });
        }

        Schedule(AfterBusiness(2.5 + _random.NextDouble()), () => ResolveMajorAsync(id));
    }

    // Multi-record operation: the major incident and its children, resolved in one unit of work.
    private async Task ResolveMajorAsync(IncidentId id)
    {
        var parent = await _engine.Incidents.GetAsync(_tenant, id, Dispatcher, _ct).ConfigureAwait(false);
        if (parent.State is not (IncidentState.New or IncidentState.InProgress or IncidentState.OnHold))
        {
            return;
        }

        var resolver = GroupOf(parent.AssignmentGroup?.Value).Members[0];
        var result = await _engine.ResolveMajorIncidentAsync(
            _tenant,
            id,
            _children.TryGetValue(id, out var list) ? list : [],
            resolver,
            new ResolveIncident(IncidentResolutionCode.SolvedPermanently, "Mail relay certificate renewed; queues flushed."),
            null,
            _ct).ConfigureAwait(false);
        _commands += result.Records.Count;
        foreach (var record in result.Records)
        {
            var resolved = new IncidentId(System.Guid.Parse(record.RecordId));
            await TrackIncidentAsync(resolved).ConfigureAwait(false);
            if (resolved != id)
            {
                await AfterResolvedAsync(resolved).ConfigureAwait(false);
            }
        }

        await AfterResolvedAsync(id).ConfigureAwait(false);
    }

    private async Task MajorReviewAsync(IncidentId id)
    {
        var manager = ServiceDeskModel.IncidentManager;
        var incident = await _engine.Incidents.GetAsync(_tenant, id, Dispatcher, _ct).ConfigureAwait(false);
        if (incident.State != IncidentState.Resolved)
        {
            return;
        }

        if (!incident.HasPostIncidentReview)
        {
            await IncidentCommandAsync(id, manager, new RecordPostIncidentReview("Root cause: expired relay certificate. Actions: certificate expiry monitoring, runbook for relay failover.")).ConfigureAwait(false);
        }

        Schedule(AfterBusiness(4), () => IncidentCommandAsync(id, manager, new CloseIncident()));
    }
}

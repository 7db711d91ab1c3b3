using System;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.Services;
using Itsm.ServiceDesk;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Samples.ServiceDesk;

// Contacts: interactions answered, or raised as incidents and requests; monitoring alerts.
public sealed partial class ServiceDeskSimulation
{
    private Actor DeskAgent() => Pick(ServiceDeskModel.Agents);

    private async Task ContactAsync(DefectState? defect)
    {
        if (defect is { Fixed: true })
        {
            return; // drawn before its fix went in: the defect no longer happens
        }

        bool open = _calendar.IsWorking(Now);
        bool recurring = defect is not null;
        var channel = recurring
            ? (open ? Channel.Phone : Channel.Email)
            : open
                ? _random.NextDouble() switch { < 0.40 => Channel.Phone, < 0.65 => Channel.Email, < 0.85 => Channel.Portal, < 0.95 => Channel.Chat, _ => Channel.WalkIn }
                : Chance(0.5) ? Channel.Email : Channel.Portal;
        int caller = _random.Next(1, ServiceDeskModel.Employees + 1);
        double kind = recurring ? 0 : _random.NextDouble();
        DeskService? service = null;
        string description;
        int catalogIndex = -1;
        if (kind < 0.55)
        {
            service = defect is not null ? ServiceDeskModel.Services.First(s => s.Name == defect.Defect.Service) : PickService();
            description = defect is not null ? defect.Defect.Symptom : Pick(service.Symptoms);
        }
        else if (kind < 0.80)
        {
            int total = ServiceDeskModel.Catalog.Sum(c => c.Weight);
            int roll = _random.Next(total);
            for (catalogIndex = 0; catalogIndex < ServiceDeskModel.Catalog.Count - 1 && (roll -= ServiceDeskModel.Catalog[catalogIndex].Weight) >= 0; catalogIndex++)
            {
            }

            description = "Request: " + ServiceDeskModel.Catalog[catalogIndex].Title;
        }
        else
        {
            description = Pick(Questions);
        }

        var logger = open ? DeskAgent() : ServiceDeskModel.Portal;
        var interactionId = new InteractionId(NewGuid(1));
        await _engine.Interactions.CreateAsync(_tenant, interactionId, logger,
            new LogInteraction(channel, ServiceDeskModel.CallerId(caller), description), null, _ct).ConfigureAwait(false);
        _commands++;
        _interactions++;

        // The agent handles the contact: a few minutes on the phone, or the next working morning.
        var handledAt = open ? AfterWall(3 + Exponential(6)) : _calendar.NextWorkingInstant(Now) + Duration.FromMinutes(5 + _random.Next(85));
        var agent = open ? logger : DeskAgent();
        if (service is not null)
        {
            bool firstContact = channel is Channel.Phone or Channel.Chat or Channel.WalkIn && !recurring;
            Schedule(handledAt, () => RaiseIncidentAsync(interactionId, agent, service, firstContact, defect, parent: null));
        }
        else if (catalogIndex >= 0)
        {
            Schedule(handledAt, () => RaiseRequestAsync(interactionId, agent, catalogIndex));
        }
        else
        {
            Schedule(handledAt, async () =>
            {
                await _engine.Interactions.ExecuteAsync(_tenant, interactionId, agent,
                    new AnswerInteraction("Sent the knowledge article."), null, _ct).ConfigureAwait(false);
                _commands++;
                _answered++;
            });
        }
    }

    private (Impact, Urgency) DrawImpactUrgency()
    {
        var impact = _random.NextDouble() switch { < 0.10 => Impact.High, < 0.55 => Impact.Medium, _ => Impact.Low };
        var urgency = _random.NextDouble() switch { < 0.15 => Urgency.High, < 0.65 => Urgency.Medium, _ => Urgency.Low };
        return (impact, urgency);
    }

    // Multi-record operation: the interaction is classified and the incident created in one unit of
    // work (ItsmEngine.RaiseIncidentAsync), so neither exists without the other.
    private async Task<IncidentId> RaiseIncidentAsync(InteractionId interactionId, Actor agent, DeskService service, bool mayResolveOnFirstContact, DefectState? defect, IncidentId? parent, (Impact, Urgency)? severity = null)
    {
        var (impact, urgency) = severity ?? DrawImpactUrgency();
        var priority = _engine.Options.Incidents.PriorityMatrix.PriorityFor(impact, urgency);
        bool resolvedOnFirstContact = mayResolveOnFirstContact && parent is null && priority.Value >= 3 && Chance(0.3);
        var id = new IncidentId(NewGuid(2));
        await RaiseAsync(interactionId, id, agent, impact, urgency, service.Name, resolvedOnFirstContact).ConfigureAwait(false);
        _incidents++;
        if (defect is not null)
        {
            // The desk records the configuration item at fault, so the report can show what its outage reaches.
            await IncidentCommandAsync(id, agent, new AddIncidentConfigurationItem(new ConfigurationItemId(defect.Defect.ConfigurationItem))).ConfigureAwait(false);
            OnDefectIncident(defect, id);
        }

        if (resolvedOnFirstContact)
        {
            _fcr++;
            await IncidentCommandAsync(id, agent, new ResolveIncident(IncidentResolutionCode.SolvedRemotelyPermanently, "Talked the caller through it on the phone.")).ConfigureAwait(false);
            await AfterResolvedAsync(id).ConfigureAwait(false);
            return id;
        }

        if (parent is { } p)
        {
            var major = await _engine.Incidents.GetAsync(_tenant, p, Dispatcher, _ct).ConfigureAwait(false);
            var manager = ServiceDeskModel.IncidentManager;
            await IncidentCommandAsync(id, manager, new AttachIncidentToParent(major)).ConfigureAwait(false);
            (_children.TryGetValue(p, out var list) ? list : _children[p] = []).Add(id);
        }

        Schedule(_calendar.Add(Now, Duration.FromSeconds(60 * Math.Max(1, Exponential(ResponseMeanMinutes(priority))))), () => IncidentStepAsync(id));
        return id;
    }

    private async Task RaiseRequestAsync(InteractionId interactionId, Actor agent, int catalogIndex)
    {
        var item = ServiceDeskModel.Catalog[catalogIndex].Item;
        var interaction = await _engine.Interactions.GetAsync(_tenant, interactionId, Dispatcher, _ct).ConfigureAwait(false);
        var id = new ServiceRequestId(NewGuid(3));
        var request = ServiceDeskIntake.RaiseServiceRequest(interaction, id, agent, item, _clock, ServiceDeskCatalog.Answers(item, id.Value));
        await _engine.ServiceRequests.SaveAsync(request, agent, _ct).ConfigureAwait(false);
        await _engine.Interactions.SaveAsync(interaction, agent, _ct).ConfigureAwait(false);
        _commands += 2;
        _requests++;
        Track(ServiceRequest.RecordType, id.ToString(), await RequestHistoryAsync(id).ConfigureAwait(false));
        Schedule(AfterBusiness(Exponential(0.5)), () => RequestStepAsync(id));
    }

    private async Task AlertAsync()
    {
        var service = PickService();
        var monitoring = ServiceDeskModel.Monitoring;
        var interactionId = new InteractionId(NewGuid(1));
        string description = "Alert: " + service.Name + " health check failing";
        await _engine.Interactions.CreateAsync(_tenant, interactionId, monitoring,
            new LogInteraction(Channel.Monitoring, "monitoring", description), null, _ct).ConfigureAwait(false);
        _commands++;
        _interactions++;
        _alerts++;
        var severity = (_random.NextDouble() < 0.3 ? Impact.Medium : Impact.Low, _random.NextDouble() < 0.3 ? Urgency.High : Urgency.Medium);
        await RaiseIncidentAsync(interactionId, monitoring, service, mayResolveOnFirstContact: false, defect: null, parent: null, severity).ConfigureAwait(false);
    }
}

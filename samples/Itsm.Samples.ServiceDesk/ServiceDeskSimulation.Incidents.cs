using System;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.Sla;
using NodaTime;
using Itsm.Services;

namespace Itsm.Samples.ServiceDesk;

// An incident's life: working it, resolving, reopening and closing it.
public sealed partial class ServiceDeskSimulation
{
    private async Task IncidentStepAsync(IncidentId id)
    {
        var incident = await _engine.Incidents.GetAsync(_tenant, id, Dispatcher, _ct).ConfigureAwait(false);
        var group = GroupOf(incident.AssignmentGroup?.Value ?? GroupFor(incident.Service?.Value));
        var resolver = incident.AssignedTo is { } assignee ? group.Members.FirstOrDefault(m => m.Id == assignee) ?? Pick(group.Members) : Pick(group.Members);
        var caller = new Actor(incident.CallerId, "caller");
        switch (incident.State)
        {
            case IncidentState.New:
            {
                var agent = DeskAgent();
                if (incident.WorkflowState == ServiceDeskWorkflows.Triage)
                {
                    // The workflow refuses to route an untriaged incident: the agent confirms its service first.
                    await IncidentCommandAsync(id, agent, new TransitionIncidentWorkflow(ServiceDeskWorkflows.TriageTransition)).ConfigureAwait(false);
                }

                var (routedGroup, chosen) = incident.AssignmentGroup is null ? await RouteAsync(incident).ConfigureAwait(false) : (group, Pick(group.Members));
                incident = await IncidentCommandAsync(id, agent, new AssignIncident(new SupportGroupId(routedGroup.Name), chosen.Id)).ConfigureAwait(false);
                if (incident.IsMajor || incident.ParentId is not null)
                {
                    return; // the major incident's story resolves it
                }

                if (DefectOf(incident) is { } defect && TakeOverDefectIncident(id, defect))
                {
                    return;
                }

                Schedule(AfterBusiness(Exponential(ResolutionMeanHours(incident.Priority))), () => IncidentStepAsync(id));
                return;
            }

            case IncidentState.InProgress:
            {
                if (incident.IsMajor || incident.ParentId is not null)
                {
                    return;
                }

                if (incident.WorkflowState == ServiceDeskWorkflows.AwaitingChange)
                {
                    // The change is out: back to work (resolving is refused while awaiting it).
                    await IncidentCommandAsync(id, resolver, new TransitionIncidentWorkflow(ServiceDeskWorkflows.ChangeReleasedTransition)).ConfigureAwait(false);
                    Schedule(AfterBusiness(Exponential(ResolutionMeanHours(incident.Priority) / 2)), () => IncidentStepAsync(id));
                    return;
                }

                var history = await IncidentHistoryAsync(id).ConfigureAwait(false);
                bool heldBefore = history.Any(c => c.Snapshot.State == nameof(IncidentState.OnHold));
                bool waitedBefore = history.Any(c => c.Snapshot.WorkflowState == ServiceDeskWorkflows.AwaitingChange);
                bool escalated = incident.AssignmentGroup?.Value == ServiceDeskModel.SecondLineGroup;
                double roll = _random.NextDouble();
                if (!heldBefore && !waitedBefore && roll is >= 0.23 and < 0.26 && incident.WorkflowState == ServiceDeskWorkflows.Investigating && DefectOf(incident) is null)
                {
                    await AwaitChangeAsync(incident, resolver).ConfigureAwait(false);
                    Schedule(AfterBusiness(Exponential(8)), () => IncidentStepAsync(id));
                }
                else if (!heldBefore && roll < 0.18)
                {
                    await IncidentCommandAsync(id, resolver, new PutIncidentOnHold(OnHoldReason.AwaitingCaller, "Could you send a screenshot of the error?")).ConfigureAwait(false);
                    Schedule(AfterBusiness(Exponential(4)), () => IncidentStepAsync(id));
                }
                else if (!heldBefore && roll < 0.23)
                {
                    // VPN incidents wait for Fabrikam, whose underpinning contract runs while it has them.
                    var supplier = incident.Service?.Value == "VPN" ? new SupplierId(ServiceDeskModel.NetworkSupplierId) : (SupplierId?)null;
                    await IncidentCommandAsync(id, resolver, new PutIncidentOnHold(OnHoldReason.AwaitingVendor, "Logged with the vendor.") { Supplier = supplier }).ConfigureAwait(false);
                    Schedule(AfterBusiness(Exponential(8)), () => IncidentStepAsync(id));
                }
                else if (!escalated && roll < 0.33)
                {
                    await IncidentCommandAsync(id, resolver, new EscalateIncidentFunctionally(new SupportGroupId(ServiceDeskModel.SecondLineGroup), "Needs second-line investigation.")).ConfigureAwait(false);
                    Schedule(AfterBusiness(Exponential(ResolutionMeanHours(incident.Priority))), () => IncidentStepAsync(id));
                }
                else
                {
                    var code = Chance(0.3) ? IncidentResolutionCode.SolvedWorkaround : IncidentResolutionCode.SolvedPermanently;
                    await JournalAsync(id, resolver).ConfigureAwait(false);
                    await IncidentCommandAsync(id, resolver, new ResolveIncident(code, "Fixed and confirmed with the caller.")).ConfigureAwait(false);
                    await AfterResolvedAsync(id).ConfigureAwait(false);
                }

                return;
            }

            case IncidentState.OnHold:
                switch (incident.OnHoldReason)
                {
                    case OnHoldReason.AwaitingCaller:
                        await IncidentCommandAsync(id, caller, new RecordCallerResponse("Screenshot attached.")).ConfigureAwait(false);
                        Schedule(AfterBusiness(Exponential(ResolutionMeanHours(incident.Priority) / 2)), () => IncidentStepAsync(id));
                        break;
                    case OnHoldReason.AwaitingProblem:
                        break; // resolved with its problem
                    case OnHoldReason.AwaitingVendor when !_holdReasonChanged:
                        // Once a run, the vendor's answer is that the fix needs a change on our side: the incident
                        // stays on hold (its resolution clock stays paused), waiting for the change instead.
                        _holdReasonChanged = true;
                        await IncidentCommandAsync(id, resolver, new ChangeIncidentHoldReason(OnHoldReason.AwaitingChange, "The vendor's patch needs a change on our side.")).ConfigureAwait(false);
                        Schedule(AfterBusiness(4), () => IncidentStepAsync(id));
                        break;
                    default:
                        await IncidentCommandAsync(id, resolver, new ResumeIncident()).ConfigureAwait(false);
                        Schedule(AfterBusiness(Exponential(ResolutionMeanHours(incident.Priority) / 2)), () => IncidentStepAsync(id));
                        break;
                }

                return;

            case IncidentState.Resolved:
                await AfterResolvedAsync(id).ConfigureAwait(false);
                return;
        }
    }

    // The fix needs a change to a configuration item of the service: the resolver names it (the workflow requires
    // it, and the assignment group) and parks the incident in Awaiting Change, where its resolution clock pauses.
    private async Task AwaitChangeAsync(Incident incident, Actor resolver)
    {
        if (incident.ConfigurationItems.Count == 0)
        {
            string item = ServiceDeskModel.Defects.First(d => d.Service == incident.Service?.Value).ConfigurationItem;
            await IncidentCommandAsync(incident.Id, resolver, new AddIncidentConfigurationItem(new ConfigurationItemId(item))).ConfigureAwait(false);
        }

        await IncidentCommandAsync(incident.Id, resolver, new TransitionIncidentWorkflow(ServiceDeskWorkflows.AwaitChangeTransition)).ConfigureAwait(false);
    }

    // A resolved incident: the caller may reopen it (once); otherwise it closes automatically,
    // a major incident after its post-incident review.
    private async Task AfterResolvedAsync(IncidentId id)
    {
        var incident = await _engine.Incidents.GetAsync(_tenant, id, Dispatcher, _ct).ConfigureAwait(false);
        if (incident.State != IncidentState.Resolved)
        {
            return;
        }

        if (incident.IsMajor)
        {
            Schedule(AfterBusiness(16), () => MajorReviewAsync(id));
            return;
        }

        int resolutions = (await IncidentHistoryAsync(id).ConfigureAwait(false)).Count(c => c.Snapshot.State == nameof(IncidentState.Resolved));
        bool byOthers = incident.ResolutionCode is IncidentResolutionCode.ResolvedByParent or IncidentResolutionCode.ResolvedByProblem;
        if (resolutions == 1 && !byOthers && incident.CallerId != "monitoring" && Chance(0.08))
        {
            Schedule(AfterBusiness(Math.Min(12, Exponential(5))), async () =>
            {
                // Something else may have moved the incident on meanwhile (a parent or a problem reopening it).
                if ((await _engine.Incidents.GetAsync(_tenant, id, Dispatcher, _ct).ConfigureAwait(false)).State != IncidentState.Resolved)
                {
                    return;
                }

                var caller = new Actor(incident.CallerId, "caller");
                await IncidentCommandAsync(id, caller, new ReopenIncident("It is happening again.")).ConfigureAwait(false);
                _reopens++;
                Schedule(AfterBusiness(Exponential(ResolutionMeanHours(incident.Priority) / 2)), () => IncidentStepAsync(id));
            });
            return;
        }

        if (ServiceDeskModel.AutoClosePolicy.DueAt(incident, _calendar) is { } due)
        {
            Schedule(due + Duration.FromMinutes(15), () => AutoCloseAsync(id));
        }
    }

    private async Task AutoCloseAsync(IncidentId id)
    {
        var system = ServiceDeskModel.AutoClose;
        var incident = await _engine.Incidents.GetAsync(_tenant, id, Dispatcher, _ct).ConfigureAwait(false);
        if (ServiceDeskModel.AutoClosePolicy.DueAt(incident, _calendar) is { } due && Now >= due)
        {
            await IncidentCommandAsync(id, system, new CloseIncident()).ConfigureAwait(false);
        }
    }
}

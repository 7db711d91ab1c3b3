using System;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Requests;

namespace Itsm.Samples.ServiceDesk;

// Service requests: approval and fulfilment.
public sealed partial class ServiceDeskSimulation
{
    private async Task RequestStepAsync(ServiceRequestId id)
    {
        var request = await _engine.ServiceRequests.GetAsync(_tenant, id, Dispatcher, _ct).ConfigureAwait(false);
        var agent = DeskAgent();
        var fulfiller = Pick(GroupOf("End User Computing").Members);
        double fulfilHours = ServiceDeskModel.Catalog.FirstOrDefault(c => c.Item.Id == request.Item.Id).FulfilHours;
        switch (request.State)
        {
            case ServiceRequestState.Submitted when request.Item.RequiresApproval:
                await RequestCommandAsync(id, agent, new RequestServiceRequestApproval { Chain = ServiceDeskApprovals.For(request.Item) }).ConfigureAwait(false);
                Schedule(AfterBusiness(Exponential(3)), () => RequestStepAsync(id));
                break;
            case ServiceRequestState.Submitted:
                await RequestCommandAsync(id, fulfiller, new StartServiceRequestFulfilment()).ConfigureAwait(false);
                Schedule(AfterBusiness(Exponential(Math.Max(0.25, fulfilHours))), () => RequestStepAsync(id));
                break;
            case ServiceRequestState.AwaitingApproval:
            {
                // The waiting level's people decide: a line manager, then (for an expensive item) finance.
                var approver = Pick(ServiceDeskApprovals.Deciders(request));
                if (Chance(0.1))
                {
                    await RequestCommandAsync(id, approver, new RejectServiceRequest("Not in this quarter's budget.")).ConfigureAwait(false);
                }
                else
                {
                    var approved = await RequestCommandAsync(id, approver, new ApproveServiceRequest("Approved.")).ConfigureAwait(false);
                    double hours = approved.State == ServiceRequestState.AwaitingApproval ? Exponential(3) : Exponential(Math.Max(0.25, fulfilHours));
                    Schedule(AfterBusiness(hours), () => RequestStepAsync(id));
                }

                break;
            }

            case ServiceRequestState.Fulfilling:
                await RequestCommandAsync(id, fulfiller, new FulfilServiceRequest("Delivered and confirmed.")).ConfigureAwait(false);
                Schedule(AfterBusiness(4 + Exponential(6)), () => RequestStepAsync(id));
                break;
            case ServiceRequestState.Fulfilled:
                await RequestCommandAsync(id, agent, new CloseServiceRequest()).ConfigureAwait(false);
                break;
        }
    }
}

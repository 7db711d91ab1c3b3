using System;
using System.Collections.Generic;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Improvement;
using Itsm.Incidents;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.ServiceDesk;

namespace Itsm.Testing.Models;

/// <summary>What the runner needs of a record type: its engine service, and its model as created.</summary>
internal sealed record RecordKind<TRecord, TId>(
    Func<ItsmEngine, AggregateService<TRecord, TId>> Service,
    Func<CreateCommand<TRecord>, Actor, TenantId, ItsmEngineOptions, LifecycleModel<TRecord>> Model)
    where TRecord : class;

/// <summary>The record types the runner and the generators know: every lifecycle of Itsm.Core.</summary>
internal static class RecordKinds
{
    private static readonly Dictionary<Type, object> Kinds = new()
    {
        [typeof(Incident)] = new RecordKind<Incident, IncidentId>(
            e => e.Incidents, (c, _, tenant, options) => IncidentModel.Opened((OpenIncident)c, options.IncidentOptionsFor(tenant))),
        [typeof(Problem)] = new RecordKind<Problem, ProblemId>(e => e.Problems, (c, _, _, _) => ProblemModel.Opened((OpenProblem)c)),
        [typeof(Change)] = new RecordKind<Change, ChangeId>(
            e => e.Changes, (c, actor, _, options) => ChangeModel.Opened((OpenChange)c, actor, options.ChangeAuthority)),
        [typeof(ServiceRequest)] = new RecordKind<ServiceRequest, ServiceRequestId>(
            e => e.ServiceRequests, (c, actor, _, _) => ServiceRequestModel.Submitted((SubmitServiceRequest)c, actor)),
        [typeof(Interaction)] = new RecordKind<Interaction, InteractionId>(e => e.Interactions, (_, _, _, _) => InteractionModel.Logged()),
        [typeof(ImprovementItem)] = new RecordKind<ImprovementItem, ImprovementItemId>(
            e => e.ImprovementItems, (c, actor, _, _) => ImprovementItemModel.Proposed((ProposeImprovementItem)c, actor)),
    };

    public static RecordKind<TRecord, TId> For<TRecord, TId>()
        where TRecord : class =>
        Kinds.TryGetValue(typeof(TRecord), out var kind) && kind is RecordKind<TRecord, TId> typed
            ? typed
            : throw new ArgumentException($"{typeof(TRecord).Name} with id {typeof(TId).Name} is not a record type of Itsm.Core.", nameof(TRecord));
}

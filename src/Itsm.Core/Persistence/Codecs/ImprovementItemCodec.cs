using System.Collections.Generic;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Governance;
using Itsm.Improvement;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Persistence;

/// <summary>Stores improvement register items (docs/record-state.md); decimals are written exactly. No ticket history.</summary>
internal sealed class ImprovementItemCodec : AggregateCodec<ImprovementItem, ImprovementItemId>
{
    public override string RecordType => ImprovementItem.RecordType;


    public override ImprovementItem Create(CreateCommand<ImprovementItem> command, TenantId tenant, ImprovementItemId id, Actor actor, IClock clock) =>
        command switch
        {
            ProposeImprovementItem propose => propose.Create(tenant, id, actor, clock),
            _ => throw UnknownCreateCommand(command),
        };

    public override string Serialize(ImprovementItem aggregate)
    {
        Guard.Against.Null(aggregate);
        return StateJson.Write(w =>
        {
            w.WriteEnum("state", aggregate.State);
            w.WriteActor("proposedBy", aggregate.ProposedBy);
            w.WriteString("title", aggregate.Title);
            w.WriteString("kpi", aggregate.Kpi);
            w.WriteEnum("direction", aggregate.Direction);
            w.WriteNumber("baseline", aggregate.Baseline);
            w.WriteNumber("target", aggregate.Target);
            w.WriteInstant("proposedAt", aggregate.ProposedAt);
            w.WriteActor("decidedBy", aggregate.DecidedBy);
            w.WriteString("rejectionReason", aggregate.RejectionReason);
            w.WriteDecimal("measuredEffect", aggregate.MeasuredEffect);
            w.WriteBoolean("targetReached", aggregate.TargetReached);
            w.WriteInstant("completedAt", aggregate.CompletedAt);
            if (aggregate.Principles.Count > 0)
            {
                w.WriteStrings("principles", System.Linq.Enumerable.Select(aggregate.Principles, p => p.ToString()));
            }
        });
    }

    public override ImprovementItem Deserialize(TenantId tenant, string id, long version, StateText json, IClock clock)
    {
        Guard.Against.Null(clock);
        var itemId = new ImprovementItemId(StateJson.ParseId(id, ImprovementItem.RecordType));
        return StateJson.Read(ImprovementItem.RecordType, json, r =>
        {
            var state = r.Enum<ImprovementItemState>("state");
            var proposedBy = r.Actor("proposedBy");
            return ImprovementItem.Restore(
                tenant,
                itemId,
                version,
                clock,
                proposedBy,
                r.String("title"),
                r.String("kpi"),
                r.Enum<KpiDirection>("direction"),
                r.Decimal("baseline"),
                r.Decimal("target"),
                state,
                r.Instant("proposedAt"),
                r.NullableActor("decidedBy"),
                r.NullableString("rejectionReason"),
                r.NullableDecimal("measuredEffect"),
                r.NullableBool("targetReached"),
                r.NullableInstant("completedAt"),
                Principles(r));
        });
    }

    // Absent in documents written before items cited principles: none.
    private static GuidingPrinciple[] Principles(StateReader r)
    {
        if (!r.Has("principles"))
        {
            return [];
        }

        var names = r.Strings("principles");
        var principles = new GuidingPrinciple[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            if (!GuidingPrinciples.TryParse(names[i], out principles[i]) || (i > 0 && principles[i] <= principles[i - 1]))
            {
                throw r.Error("principles", "must list guiding principles by name, each once, in ITIL's order");
            }
        }

        return principles;
    }

    public override RecordIndex IndexOf(ImprovementItem aggregate, Instant? slaDueAt) => new(
        StateJson.NameOf(aggregate.State),
        aggregate.PermittedCommands.Count > 0,
        null,
        null,
        null,
        aggregate.ProposedAt,
        slaDueAt);

    public override TicketSlaLog? SlaLogOf(ImprovementItem aggregate) => null;
}

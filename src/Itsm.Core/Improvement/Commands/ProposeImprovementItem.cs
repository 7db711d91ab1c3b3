using Itsm.Common;
using NodaTime;

namespace Itsm.Improvement;

/// <summary>Proposes (registers) a new improvement item in state Proposed; the engine's actor is the proposer.</summary>
/// <remarks>Runs <see cref="ImprovementItem.Propose(TenantId, ImprovementItemId, Actor, string, string, KpiDirection, decimal, decimal, NodaTime.IClock, System.Collections.Generic.IEnumerable{Governance.GuidingPrinciple})"/>; its audit entry's command is <c>Propose</c>.</remarks>
/// <param name="Title">What is to be improved.</param>
/// <param name="Kpi">The name of the KPI it aims to move.</param>
/// <param name="Direction">Which way the KPI gets better.</param>
/// <param name="Baseline">The KPI's value now.</param>
/// <param name="Target">The KPI's value aimed for.</param>
public sealed record ProposeImprovementItem(string Title, string Kpi, KpiDirection Direction, decimal Baseline, decimal Target) : CreateCommand<ImprovementItem>
{
    /// <inheritdoc/>
    public override string RecordType => ImprovementItem.RecordType;

    /// <inheritdoc/>
    public override string Name => "Propose";

    /// <summary>The ITIL 4 guiding principles the item cites; <see langword="null"/> or empty for none.</summary>
    public System.Collections.Generic.IReadOnlyList<Governance.GuidingPrinciple>? Principles { get; init; }

    /// <summary>Creates the record: the engine passes its key, the actor, its clock and its settings.</summary>
    internal ImprovementItem Create(TenantId tenant, ImprovementItemId id, Actor actor, IClock clock) =>
        ImprovementItem.Propose(tenant, id, actor, Title, Kpi, Direction, Baseline, Target, clock, Principles ?? []);

    internal override void WriteArguments(CommandArguments arguments)
    {
        arguments.Add(Title).Add(Kpi).Add((int)Direction).Add(Baseline).Add(Target);

        // Written only when given, so a retry of a command sent before principles existed keeps its fingerprint.
        if (Principles is { Count: > 0 } principles)
        {
            arguments.Add(System.Linq.Enumerable.Select(principles, p => p.ToString()));
        }
    }
}

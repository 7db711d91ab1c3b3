using System.Collections.Generic;
using System.Linq;
using Itsm.Common;

namespace Itsm.Testing;

/// <summary>
/// A generated history of one record: the command that creates it, and the commands issued to it after.
/// <see cref="ItsmGenerators"/> builds them for every record type (<see cref="ItsmGenerators.ProblemScenarios"/>,
/// <see cref="ItsmGenerators.ChangeScenarios"/>, ...); <see cref="LifecycleRunner.RunAsync"/> runs one through
/// a host's engine and checks the lifecycle invariants after every step. A test may also write one by hand.
/// </summary>
/// <typeparam name="TRecord">The record type, for example <see cref="Itsm.Changes.Change"/>.</typeparam>
/// <typeparam name="TId">Its id type, for example <see cref="ChangeId"/>.</typeparam>
/// <param name="Tenant">The tenant the record is created in.</param>
/// <param name="Id">The record's id (not empty).</param>
/// <param name="CreatedBy">Who creates it (the requester, proposer or opener the rules refer to).</param>
/// <param name="Create">The creating command, for example <c>new OpenChange(ChangeType.Normal, ...)</c>.</param>
/// <param name="Steps">The commands after the creation, in order; valid and invalid ones mixed.</param>
public sealed record LifecycleScenario<TRecord, TId>(
    TenantId Tenant,
    TId Id,
    Actor CreatedBy,
    CreateCommand<TRecord> Create,
    IReadOnlyList<LifecycleStep<TRecord>> Steps)
    where TRecord : class
{
    /// <summary>The scenario as text, one step a line, for FsCheck's counterexamples.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"{Tenant} {typeof(TRecord).Name} {Id} created by {CreatedBy}: {Create}" + string.Concat(Steps.Select((s, i) => $"\n  {i + 1}. {s}"));
}

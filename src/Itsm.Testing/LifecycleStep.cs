using Itsm.Common;
using NodaTime;

namespace Itsm.Testing;

/// <summary>
/// One step of a generated record history: how long after the previous step, who, and the typed command
/// (for example <c>new ResolveProblem(ProblemResolutionCode.FixApplied, "Patched the driver")</c>) exactly as
/// a host's endpoint would hand it to <see cref="Itsm.Engine.AggregateService{TAggregate, TId}.ExecuteAsync"/>.
/// </summary>
/// <typeparam name="TRecord">The record type, for example <see cref="Itsm.Problems.Problem"/>.</typeparam>
/// <param name="After">How long after the previous step the command is issued (not negative); the runner moves the engine's <see cref="NodaTime.Testing.FakeClock"/> by it.</param>
/// <param name="Actor">Who issues the command.</param>
/// <param name="Command">The command. Its arguments are valid; whether the record accepts it depends on its state and rules.</param>
public sealed record LifecycleStep<TRecord>(Duration After, Actor Actor, RecordCommand<TRecord> Command)
    where TRecord : class
{
    /// <summary>The step as text, for FsCheck's counterexamples: <c>+0:00:05:00 by agent-1 [itil]: ResolveProblem { ... }</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"+{After} by {Actor.Id} [{string.Join(", ", Actor.Roles)}]: {Command}";
}

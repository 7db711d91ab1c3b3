using Itsm.Common;
using NodaTime;

namespace Itsm.Problems;

/// <summary>Opens (logs) a new problem in state New.</summary>
/// <remarks>Runs <see cref="Problem.Open"/>; its audit entry's command is <c>Open</c>.</remarks>
/// <param name="ShortDescription">A short description.</param>
/// <param name="Service">The affected service, if known.</param>
public sealed record OpenProblem(string ShortDescription, string? Service = null) : CreateCommand<Problem>
{
    /// <inheritdoc/>
    public override string RecordType => Problem.RecordType;

    /// <inheritdoc/>
    public override string Name => "Open";

    /// <summary>Creates the record: the engine passes its key, the actor, its clock and its settings.</summary>
    internal Problem Create(TenantId tenant, ProblemId id, Actor actor, IClock clock) =>
        Problem.Open(tenant, id, actor, ShortDescription, clock, Service);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(ShortDescription).Add(Service);
}

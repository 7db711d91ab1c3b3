using System.Collections.Generic;
using Itsm.Common;
using Itsm.Services;
using NodaTime;

namespace Itsm.Problems;

/// <summary>Opens (logs) a new problem in state New.</summary>
/// <remarks>Runs <see cref="Problem.Open"/>; its audit entry's command is <c>Open</c>.</remarks>
/// <param name="ShortDescription">A short description.</param>
/// <param name="Service">The affected service, if known; with a service model, one it holds.</param>
public sealed record OpenProblem(string ShortDescription, ServiceId? Service = null) : CreateCommand<Problem>
{
    /// <summary>The affected service offering, if known; with a service model and a <see cref="Service"/>, it must be an offering of that service.</summary>
    public ServiceOfferingId? Offering { get; init; }

    /// <summary>The configuration items the problem involves, if any (at most <see cref="FieldLimits.Items"/>, no duplicates); null or empty for none.</summary>
    public IReadOnlyList<ConfigurationItemId>? ConfigurationItems { get; init; }

    /// <inheritdoc/>
    public override string RecordType => Problem.RecordType;

    /// <inheritdoc/>
    public override string Name => "Open";

    /// <summary>Creates the record: the engine passes its key, the actor, its clock and its settings.</summary>
    internal Problem Create(TenantId tenant, ProblemId id, Actor actor, IClock clock, Itsm.Workflows.Workflow<ProblemState, ProblemCommand>? workflow = null) =>
        Problem.OpenUnderWorkflow(tenant, id, actor, ShortDescription, clock, Service, Offering, ConfigurationItems, workflow);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(ShortDescription).Add(Service?.Value)
        .AddLater(Offering?.Value, TicketServiceFields.AuditText(ConfigurationItems ?? []));

    internal override void AddReferences(ServiceModelReferences references) =>
        references.Service(Service).Offering(Offering, Service).ConfigurationItems(ConfigurationItems);
}

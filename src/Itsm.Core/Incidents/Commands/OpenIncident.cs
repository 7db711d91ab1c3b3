using Itsm.Common;
using NodaTime;

namespace Itsm.Incidents;

/// <summary>Opens (logs) a new incident in state New, with the engine's incident options (priority matrix, reopen window).</summary>
/// <remarks>Runs <see cref="Incident.Open"/>; its audit entry's command is <c>Open</c>.</remarks>
/// <param name="CallerId">The caller's id.</param>
/// <param name="ShortDescription">A short description.</param>
/// <param name="Impact">The impact.</param>
/// <param name="Urgency">The urgency.</param>
/// <param name="Service">The affected service, if known.</param>
public sealed record OpenIncident(string CallerId, string ShortDescription, Impact Impact, Urgency Urgency, string? Service = null) : CreateCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "Open";

    /// <summary>Creates the record: the engine passes its key, the actor, its clock and its settings.</summary>
    internal Incident Create(TenantId tenant, IncidentId id, Actor actor, IClock clock, IncidentOptions options) =>
        Incident.Open(tenant, id, actor, CallerId, ShortDescription, Impact, Urgency, clock, options, Service);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(CallerId).Add(ShortDescription).Add((int)Impact).Add((int)Urgency).Add(Service);
}

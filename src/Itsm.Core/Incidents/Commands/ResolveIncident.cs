using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>Resolves an incident: service is restored.</summary>
/// <remarks>Runs <see cref="Incident.Resolve"/>; its audit entry's command is <c>Resolve</c>.</remarks>
/// <param name="Code">How it was resolved.</param>
/// <param name="Notes">Resolution notes; required.</param>
public sealed record ResolveIncident(IncidentResolutionCode Code, string Notes) : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "Resolve";

    internal override void Run(Incident record, Actor actor) => record.Resolve(actor, Code, Notes);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Code.ToString()).Add(Notes);
}

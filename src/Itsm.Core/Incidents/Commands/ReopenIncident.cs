using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>Reopens a resolved incident (the caller, within the reopen window).</summary>
/// <remarks>Runs <see cref="Incident.Reopen"/>; its audit entry's command is <c>Reopen</c>.</remarks>
/// <param name="Reason">Why.</param>
public sealed record ReopenIncident(string Reason) : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "Reopen";

    internal override void Run(Incident record, Actor actor) => record.Reopen(actor, Reason);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Reason);
}

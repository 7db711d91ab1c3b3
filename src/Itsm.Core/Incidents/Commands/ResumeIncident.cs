using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>Resumes work on an incident on hold.</summary>
/// <remarks>Runs <see cref="Incident.Resume"/>; its audit entry's command is <c>Resume</c>.</remarks>
public sealed record ResumeIncident : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "Resume";

    internal override void Run(Incident record, Actor actor) => record.Resume(actor);

    internal override void WriteArguments(CommandArguments arguments)
    {
    }
}

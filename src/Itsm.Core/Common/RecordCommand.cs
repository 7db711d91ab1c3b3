namespace Itsm.Common;

/// <summary>A command on an existing record of type <typeparamref name="TRecord"/>, for example <see cref="Itsm.Incidents.ResolveIncident"/>.</summary>
/// <typeparam name="TRecord">The record type, for example <see cref="Itsm.Incidents.Incident"/>.</typeparam>
public abstract record RecordCommand<TRecord> : ItsmCommand
    where TRecord : class
{
    private protected RecordCommand()
    {
    }

    /// <summary>Runs the command on <paramref name="record"/> on behalf of <paramref name="actor"/>, through the record's method of the same name.</summary>
    internal abstract void Run(TRecord record, Actor actor);
}

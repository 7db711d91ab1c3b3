namespace Itsm.Common;

/// <summary>
/// The command that creates a record of type <typeparamref name="TRecord"/>, for example
/// <see cref="Itsm.Incidents.OpenIncident"/>. The engine supplies the tenant, the id, the actor, the
/// clock and its configured settings for the record type.
/// </summary>
/// <typeparam name="TRecord">The record type, for example <see cref="Itsm.Incidents.Incident"/>.</typeparam>
public abstract record CreateCommand<TRecord> : ItsmCommand
    where TRecord : class
{
    private protected CreateCommand()
    {
    }
}

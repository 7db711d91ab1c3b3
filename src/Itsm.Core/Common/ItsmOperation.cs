namespace Itsm.Common;

/// <summary>
/// Anything an actor asks the engine to do, as a type, and what an <see cref="Itsm.Engine.IItsmAuthorizer"/>
/// is asked about: a command (<see cref="ItsmCommand"/>, for example <see cref="Itsm.Incidents.ResolveIncident"/>),
/// or a read or save of the engine's (<see cref="Itsm.Engine.ReadRecord"/>, <see cref="Itsm.Engine.QueryRecords"/>,
/// <see cref="Itsm.Engine.ReadHistory"/>, <see cref="Itsm.Engine.ReadAudit"/>, <see cref="Itsm.Engine.ReadFeed"/>,
/// <see cref="Itsm.Engine.SaveRecord"/>, <see cref="Itsm.Engine.RecomputeSla"/>, <see cref="Itsm.Engine.ReadJournal"/>,
/// <see cref="Itsm.Engine.ReadWorkNotes"/>).
/// </summary>
/// <remarks>
/// An authorizer switches on the operation's type. One written only for commands, whose default
/// answer is no, therefore refuses every read: the engine fails closed. Only this library defines
/// operation types.
/// </remarks>
public abstract record ItsmOperation
{
    private protected ItsmOperation()
    {
    }

    /// <summary>
    /// The operation's name: a command's as its audit entry records it (for example <c>"Resolve"</c>, or
    /// <c>"Open"</c> for a create), or the engine's name for a read or save (<c>"Read"</c>, <c>"Query"</c>,
    /// <c>"ReadHistory"</c>, <c>"ReadAudit"</c>, <c>"ReadFeed"</c>, <c>"Save"</c>).
    /// </summary>
    public abstract string Name { get; }
}

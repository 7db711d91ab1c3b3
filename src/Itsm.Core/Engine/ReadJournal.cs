using Itsm.Common;

namespace Itsm.Engine;

/// <summary>
/// Reading one ticket's journal (<see cref="AggregateService{TAggregate, TId}.ReadJournalAsync"/>): its work notes,
/// comments and time-worked entries. As for <see cref="ReadRecord"/>, the record is loaded first and handed to the
/// authorizer in <see cref="ItsmResource.Record"/>, so the rule that lets a caller read their own incident can let
/// them read its journal. Allowing it shows the comments; the internal entries need <see cref="ReadWorkNotes"/> too.
/// </summary>
public sealed record ReadJournal : ItsmOperation
{
    /// <summary><c>"ReadJournal"</c>.</summary>
    public override string Name => "ReadJournal";
}

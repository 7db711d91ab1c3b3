using Itsm.Common;

namespace Itsm.Engine;

/// <summary>
/// Loading one record (<see cref="AggregateService{TAggregate, TId}.GetAsync"/>,
/// <see cref="AggregateService{TAggregate, TId}.FindAsync"/>). The authorizer is asked after the load,
/// with the record in <see cref="ItsmResource.Record"/>, so a rule may look at it (a caller reads only the
/// incidents they called in); when the record does not exist, <see cref="ItsmResource.Record"/> is
/// <see langword="null"/> and the authorizer is asked all the same, so an actor who may not read cannot
/// learn which ids exist.
/// </summary>
public sealed record ReadRecord : ItsmOperation
{
    /// <summary><c>"Read"</c>.</summary>
    public override string Name => "Read";
}

using Itsm.Common;

namespace Itsm.Engine;

/// <summary>
/// Reading one record's audit history (<see cref="AggregateService{TAggregate, TId}.ReadHistoryAsync"/>).
/// As for <see cref="ReadRecord"/>, the record is loaded first and handed to the authorizer in
/// <see cref="ItsmResource.Record"/> (<see langword="null"/> when it does not exist), so the rule that lets
/// a caller read their own incident can let them read its history, and no other.
/// </summary>
public sealed record ReadHistory : ItsmOperation
{
    /// <summary><c>"ReadHistory"</c>.</summary>
    public override string Name => "ReadHistory";
}

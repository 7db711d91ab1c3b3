using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Persistence;

namespace Itsm.Engine;

/// <summary>
/// Listing a tenant's records of one type (<see cref="AggregateService{TAggregate, TId}.QueryAsync"/>).
/// The resource names the tenant and the record type, no id and no record.
/// </summary>
/// <param name="Query">The query as it will run, its <see cref="RecordQuery.RecordType"/> set to the service's record type.</param>
public sealed record QueryRecords(RecordQuery Query) : ItsmOperation
{
    /// <summary>The query as it will run, its <see cref="RecordQuery.RecordType"/> set to the service's record type.</summary>
    /// <exception cref="System.ArgumentNullException">Set to null.</exception>
    public RecordQuery Query { get; init; } = Guard.Against.Null(Query);

    /// <summary><c>"Query"</c>.</summary>
    public override string Name => "Query";
}

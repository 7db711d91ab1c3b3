using System.Collections.Generic;
using Ardalis.GuardClauses;
using Itsm.Common;

namespace Itsm.Engine;

/// <summary>
/// Saving a record the caller loaded (or created) and commanded itself
/// (<see cref="AggregateService{TAggregate, TId}.SaveAsync"/>): the commands already ran on the caller's
/// copy, so the authorizer is asked about what they did, the typed events the save would commit. The
/// resource carries the record as it would be saved.
/// </summary>
/// <param name="Events">The events the save would commit, in order (for example <see cref="Itsm.Incidents.IncidentAssigned"/>); empty when there is nothing to write.</param>
public sealed record SaveRecord(IReadOnlyList<DomainEvent> Events) : ItsmOperation
{
    /// <summary>The events the save would commit, in order; empty when there is nothing to write.</summary>
    /// <exception cref="System.ArgumentNullException">Set to null.</exception>
    public IReadOnlyList<DomainEvent> Events { get; init; } = Guard.Against.Null(Events);

    /// <summary><c>"Save"</c>.</summary>
    public override string Name => "Save";
}

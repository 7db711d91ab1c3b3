namespace Itsm.Engine;

/// <summary>
/// A check the engine runs on a record after its command ran and before it is saved, for rules that need
/// what the engine knows and the domain does not (the stored service model's links to the engine's agreements).
/// </summary>
/// <typeparam name="TAggregate">The record type.</typeparam>
internal interface IRecordCheck<TAggregate>
{
    /// <summary>What the check needs of the record before the command runs; <paramref name="record"/> is null for a create.</summary>
    object? Before(TAggregate? record);

    /// <summary>Throws when <paramref name="record"/>, as the command left it, breaks the rule (compared with <paramref name="before"/>).</summary>
    void After(object? before, TAggregate record);
}

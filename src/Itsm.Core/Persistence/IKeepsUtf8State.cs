namespace Itsm.Persistence;

/// <summary>
/// A store that keeps records' state as UTF-8 bytes (<see cref="InMemoryAggregateStore"/>): the engine writes
/// such a store's state as UTF-8 (<see cref="AggregateWrite.Utf8State"/>) and reads what it loads from the bytes
/// (<see cref="StoredAggregate.Utf8State"/>), so a command neither makes the UTF-16 string of its state (twice
/// the size) nor transcodes it either way. Any other store gets and gives strings, as before.
/// </summary>
internal interface IKeepsUtf8State
{
}

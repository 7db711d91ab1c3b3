using System.Collections.Generic;
using Itsm.Common;
using Itsm.Persistence;

namespace Itsm.Engine;

/// <summary>The outcome of a command run by an <see cref="AggregateService{TAggregate, TId}"/>.</summary>
/// <typeparam name="TAggregate">The aggregate type.</typeparam>
/// <param name="Record">The record as it is now stored (for a replay: as loaded now, which may be later than the first run).</param>
/// <param name="Version">The record's version after the command (for a replay: after the first run).</param>
/// <param name="Replayed">Whether an idempotency key replayed an earlier run, so nothing was written.</param>
/// <param name="Events">The audit entries written and published (empty for a replay, or when the command changed nothing).</param>
public sealed record CommandResult<TAggregate>(TAggregate Record, long Version, bool Replayed, IReadOnlyList<AuditEntry> Events)
    where TAggregate : class
{
    /// <summary>
    /// The indexed fields written with the command, <see cref="RecordIndex.SlaDueAt"/> included, so a
    /// host's due list can reschedule the record without tracking its clocks again; <see langword="null"/>
    /// for a replay or when nothing was written.
    /// </summary>
    public RecordIndex? Index { get; init; }
}

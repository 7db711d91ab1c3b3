using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Engine;

/// <summary>The outcome of an operation over several records, committed as one unit of work.</summary>
/// <param name="Replayed">Whether an idempotency key replayed an earlier run, so nothing was written.</param>
/// <param name="Records">
/// Every record written, in the order its entries were appended, with its version after the commit; for a
/// replay, only the first record of the first run, at the version that run left it.
/// </param>
/// <param name="Events">The audit entries written and published, in commit order (empty for a replay).</param>
public sealed record UnitOfWorkResult(bool Replayed, IReadOnlyList<CommittedRecord> Records, IReadOnlyList<AuditEntry> Events);

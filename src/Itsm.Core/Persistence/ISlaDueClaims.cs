using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using NodaTime;

namespace Itsm.Persistence;

/// <summary>
/// An optional port a store implements when several instances of a host share it: it hands each due
/// record (<see cref="RecordIndex.SlaDueAt"/> at or before now) to one instance at a time, so the SLA
/// worker's instances share the work instead of all loading the same records. The PostgreSQL store
/// implements it (<c>FOR UPDATE SKIP LOCKED</c>); a store without it is read with
/// <see cref="IAggregateStore.QueryAsync"/> and <see cref="RecordQuery.SlaDueBefore"/>.
/// </summary>
/// <remarks>
/// Claims are an optimisation, not the correctness argument: what a worker records on a ticket is
/// recorded once because the ticket's own state says what was recorded and saves are optimistic (see
/// docs/hosting.md). A claim whose owner stalls past its lease is handed out again.
/// </remarks>
public interface ISlaDueClaims
{
    /// <summary>
    /// Claims up to <paramref name="max"/> due records of a tenant for <paramref name="owner"/>: records whose
    /// due instant is at or before <paramref name="now"/>, not yet completed for that instant, and not claimed
    /// by a live lease.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="now">The current instant (from the host's clock).</param>
    /// <param name="max">The most records to claim; at least 1.</param>
    /// <param name="owner">Who claims them (an instance name, at most 200 characters).</param>
    /// <param name="lease">How long the claims last; positive.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The claims, ordered by due instant, then record type and id (ordinal); empty when nothing is due.</returns>
    /// <exception cref="System.ArgumentException">The tenant is default, or <paramref name="owner"/> is blank or too long.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="max"/> is below 1 or <paramref name="lease"/> is not positive.</exception>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<IReadOnlyList<SlaDueClaim>> ClaimDueAsync(TenantId tenant, Instant now, int max, string owner, Duration lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks a claimed record handled for its due instant: it is not claimed again for that instant, only
    /// when a later save sets another due instant and that comes due.
    /// </summary>
    /// <param name="claim">A claim <see cref="ClaimDueAsync"/> returned.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the claim was still this one's and is now completed; <see langword="false"/> when it was lost (its lease ended and another owner claimed it, a save changed the due instant, or it was already completed).</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="claim"/> is null.</exception>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<bool> CompleteAsync(SlaDueClaim claim, CancellationToken cancellationToken = default);
}

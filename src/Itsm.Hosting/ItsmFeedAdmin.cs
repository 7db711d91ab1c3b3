using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Persistence;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Itsm.Hosting;

/// <summary>
/// Operates the feed dispatcher's consumers: lists parked entries, replays them once their cause is fixed, and
/// moves a consumer's checkpoint to replay the feed from a position. Resolve it from the container (it is
/// registered with the dispatcher).
/// </summary>
/// <remarks>
/// A replay and a reset wait for the consumer's delivery in progress (never for its backoff) and the
/// dispatcher then carries on from the new state, so call them in the process that runs the dispatcher (or while
/// no dispatcher runs for that consumer).
/// </remarks>
public sealed class ItsmFeedAdmin
{
    private readonly IAggregateStore _store;
    private readonly IReadOnlyDictionary<string, IItsmEventHandler> _handlers;
    private readonly FeedConsumerGates _gates;
    private readonly IClock _clock;
    private readonly ILogger _logger;

    internal ItsmFeedAdmin(IAggregateStore store, IEnumerable<IItsmEventHandler> handlers, FeedConsumerGates gates, IClock clock, ILogger logger)
    {
        _store = store;
        _handlers = handlers
            .Where(h => !string.IsNullOrWhiteSpace(h.Name))
            .GroupBy(h => h.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _gates = gates;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Lists a consumer's parked entries.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="consumer">The consumer's name (<see cref="IItsmEventHandler.Name"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The parked entries by position: position, reason (the last error), when and after how many attempts.</returns>
    /// <exception cref="ArgumentException">The tenant is <c>default</c>, or <paramref name="consumer"/> is blank or too long.</exception>
    public Task<IReadOnlyList<ParkedEvent>> ReadParkedAsync(TenantId tenant, string consumer, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckConsumer(tenant, consumer);
        return _store.ReadParkedAsync(tenant, consumer, cancellationToken);
    }

    /// <summary>Reads a consumer's checkpoint: the last position it handled (or parked).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="consumer">The consumer's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The position; 0 when the consumer has handled nothing of the tenant yet.</returns>
    /// <exception cref="ArgumentException">The tenant is <c>default</c>, or <paramref name="consumer"/> is blank or too long.</exception>
    public Task<long> ReadCheckpointAsync(TenantId tenant, string consumer, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckConsumer(tenant, consumer);
        return _store.ReadCheckpointAsync(tenant, consumer, cancellationToken);
    }

    /// <summary>
    /// Delivers each parked entry of a consumer again, once, in position order: an entry the handler handles is
    /// unparked; one it fails on stays parked with the new error, time and attempt count. The checkpoint does not
    /// move. Call it again for what is still parked.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="consumer">The consumer's name: a handler registered in this host.</param>
    /// <param name="cancellationToken">Cancels the replay: the entries handled so far stay unparked, the rest stay parked.</param>
    /// <returns>The positions handled and the entries still parked.</returns>
    /// <exception cref="ArgumentException">The tenant is <c>default</c>, or <paramref name="consumer"/> is blank, too long, or names no registered handler.</exception>
    public async Task<ParkedReplayResult> ReplayParkedAsync(TenantId tenant, string consumer, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckConsumer(tenant, consumer);
        if (!_handlers.TryGetValue(consumer, out var handler))
        {
            throw new ArgumentException($"No feed handler named '{consumer}' is registered.", nameof(consumer));
        }

        var gate = _gates.For(tenant, consumer);
        var delivered = new List<long>();
        var stillParked = new List<ParkedEvent>();
        foreach (var parked in await _store.ReadParkedAsync(tenant, consumer, cancellationToken).ConfigureAwait(false))
        {
            await gate.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var again = await ReplayOneAsync(tenant, handler, parked, cancellationToken).ConfigureAwait(false);
                if (again is null)
                {
                    delivered.Add(parked.Position);
                }
                else
                {
                    stillParked.Add(again);
                }
            }
            finally
            {
                gate.Lock.Release();
            }
        }

        return new ParkedReplayResult(delivered, stillParked);
    }

    /// <summary>
    /// Moves a consumer's checkpoint, so that the dispatcher delivers the tenant's feed again from
    /// <c><paramref name="position"/> + 1</c> (0 replays it all). It may move back (to replay) or forward (to skip);
    /// parked entries are not touched.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="consumer">The consumer's name.</param>
    /// <param name="position">The last position to count as handled; 0 or more.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the checkpoint is saved; a running dispatcher carries on from it.</returns>
    /// <exception cref="ArgumentException">The tenant is <c>default</c>, <paramref name="consumer"/> is blank or too long, or <paramref name="position"/> is negative.</exception>
    public async Task ResetCheckpointAsync(TenantId tenant, string consumer, long position, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckConsumer(tenant, consumer);
        Guard.Against.Negative(position);
        var gate = _gates.For(tenant, consumer);
        await gate.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _store.SaveCheckpointAsync(tenant, consumer, position, cancellationToken).ConfigureAwait(false);
            gate.MarkReset();
        }
        finally
        {
            gate.Lock.Release();
        }
    }

    /// <summary>Delivers one parked entry once; <see langword="null"/> when handled (and unparked), else the entry as parked again.</summary>
    private async Task<ParkedEvent?> ReplayOneAsync(TenantId tenant, IItsmEventHandler handler, ParkedEvent parked, CancellationToken cancellationToken)
    {
        var read = await _store.ReadFeedAsync(tenant, parked.Position - 1, 1, cancellationToken).ConfigureAwait(false);
        if (read.Count == 0 || read[0].Position != parked.Position)
        {
            FeedLog.Replayed(_logger, tenant.Value, handler.Name, parked.Position, "not in the feed, left parked");
            return parked;
        }

        try
        {
            await handler.HandleAsync(read[0], cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The failure is recorded on the parked entry.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            var again = new ParkedEvent(parked.Position, FeedFailure.Reason(failure), _clock.GetCurrentInstant(), parked.Attempts + 1);
            await _store.ParkAsync(tenant, handler.Name, again, cancellationToken).ConfigureAwait(false);
            FeedLog.Replayed(_logger, tenant.Value, handler.Name, parked.Position, "failed again, still parked");
            return again;
        }

        await _store.UnparkAsync(tenant, handler.Name, parked.Position, cancellationToken).ConfigureAwait(false);
        FeedLog.Replayed(_logger, tenant.Value, handler.Name, parked.Position, "handled, unparked");
        return null;
    }
}

using System;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Persistence;

namespace Itsm.Hosting;

/// <summary>
/// Delivers one tenant's feed to one handler until cancelled: reads the checkpoint, reads a page, delivers each
/// entry in order (retrying with backoff, parking it after the last attempt), saves the checkpoint after each
/// entry, and waits a poll interval once caught up. Each (tenant, handler) has its own loop, so a slow or failing
/// handler delays only itself.
/// </summary>
internal sealed class FeedConsumerLoop(TenantId tenant, IItsmEventHandler handler, FeedContext context)
{
    private readonly string _consumer = handler.Name;
    private readonly FeedConsumerGate _gate = context.Gates.For(tenant, handler.Name);

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled; never throws otherwise.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await LoopAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the entry in flight (if any) has no checkpoint and is delivered again next time.
        }
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        long? checkpoint = null;
        long generation = 0;
        int storeFailures = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (checkpoint is null || generation != _gate.Generation)
                {
                    await _gate.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try
                    {
                        generation = _gate.Generation;
                        checkpoint = await context.Store.ReadCheckpointAsync(tenant, _consumer, cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        _gate.Lock.Release();
                    }
                }

                var page = await context.Store.ReadFeedAsync(tenant, checkpoint.Value, context.Options.BatchSize, cancellationToken).ConfigureAwait(false);
                storeFailures = 0;
                if (page.Count == 0)
                {
                    await Task.Delay(context.Options.PollInterval, context.Time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                foreach (var entry in page)
                {
                    if (!await DeliverAsync(entry, generation, cancellationToken).ConfigureAwait(false))
                    {
                        checkpoint = null; // Reset from outside: read the checkpoint again.
                        break;
                    }

                    checkpoint = entry.Position;
                }
            }
            catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The store failed (reading, saving the checkpoint or parking): start again from the stored checkpoint.
                checkpoint = null;
                storeFailures++;
                var delay = FeedBackoff.Delay(storeFailures, context.Options);
                FeedLog.StoreFailed(context.Logger, tenant.Value, _consumer, delay, failure);
                await Task.Delay(delay, context.Time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Delivers one entry: handled or parked, with its checkpoint saved; <see langword="false"/> when a reset intervened.</summary>
    private async Task<bool> DeliverAsync(FeedEntry entry, long generation, CancellationToken cancellationToken)
    {
        var options = context.Options;
        for (int attempt = 1; ; attempt++)
        {
            TimeSpan delay;
            await _gate.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_gate.Generation != generation)
                {
                    return false;
                }

                Exception? failure = null;
                try
                {
                    await handler.HandleAsync(entry, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // A handler's failure of any kind is retried, then parked: never lost, never fatal.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    failure = exception;
                }

                if (failure is null)
                {
                    await context.Store.SaveCheckpointAsync(tenant, _consumer, entry.Position, cancellationToken).ConfigureAwait(false);
                    context.Metrics.Delivered(tenant, _consumer);
                    return true;
                }

                if (attempt >= options.MaxAttempts)
                {
                    var parked = new ParkedEvent(entry.Position, FeedFailure.Reason(failure), context.Clock.GetCurrentInstant(), attempt);
                    await context.Store.ParkAsync(tenant, _consumer, parked, cancellationToken).ConfigureAwait(false);
                    await context.Store.SaveCheckpointAsync(tenant, _consumer, entry.Position, cancellationToken).ConfigureAwait(false);
                    context.Metrics.Parked(tenant, _consumer);
                    FeedLog.Parked(context.Logger, tenant.Value, _consumer, entry.Position, attempt, failure);
                    return true;
                }

                delay = FeedBackoff.Delay(attempt, options);
                context.Metrics.Retried(tenant, _consumer);
                FeedLog.Retrying(context.Logger, tenant.Value, _consumer, entry.Position, attempt, options.MaxAttempts, delay, failure);
            }
            finally
            {
                _gate.Lock.Release();
            }

            // Wait outside the gate, so a replay or a reset is not held up by the backoff.
            await Task.Delay(delay, context.Time, cancellationToken).ConfigureAwait(false);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Itsm.Hosting;

/// <summary>
/// The feed dispatcher: a hosted service that runs one <see cref="FeedConsumerLoop"/> per (tenant, handler), starts
/// and stops tenants as <see cref="ItsmFeedDispatcherOptions.TenantSource"/> changes, and on shutdown cancels every
/// loop and waits for them (an in-flight handler sees the cancellation; its entry is redelivered on the next start).
/// </summary>
internal sealed class ItsmFeedDispatcher : BackgroundService
{
    private readonly IReadOnlyList<IItsmEventHandler> _handlers;
    private readonly FeedContext _context;

    public ItsmFeedDispatcher(IEnumerable<IItsmEventHandler> handlers, FeedContext context)
    {
        _handlers = handlers.ToArray();
        _context = context;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var served = new Dictionary<TenantId, CancellationTokenSource>();
        var retired = new List<CancellationTokenSource>(); // Cancelled, disposed once their loops have ended.
        var loops = new List<Task>();
        var options = _context.Options;
        try
        {
            while (true)
            {
                var tenants = await ResolveTenantsAsync(served.Keys, stoppingToken).ConfigureAwait(false);
                foreach (var gone in served.Keys.Where(t => !tenants.Contains(t)).ToList())
                {
                    FeedLog.TenantStopped(_context.Logger, gone.Value);
                    await served[gone].CancelAsync().ConfigureAwait(false);
                    retired.Add(served[gone]);
                    served.Remove(gone);
                }

                foreach (var tenant in tenants.Where(t => !served.ContainsKey(t)))
                {
                    var tenantStopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    served.Add(tenant, tenantStopping);
                    FeedLog.TenantStarted(_context.Logger, tenant.Value, _handlers.Count);
                    foreach (var handler in _handlers)
                    {
                        var loop = new FeedConsumerLoop(tenant, handler, _context);
                        var token = tenantStopping.Token;
                        loops.Add(Task.Run(() => loop.RunAsync(token), CancellationToken.None));
                    }
                }

                loops.RemoveAll(t => t.IsCompleted);
                var wait = options.TenantSource is null ? Timeout.InfiniteTimeSpan : options.TenantRefreshInterval;
                await Task.Delay(wait, _context.Time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
        finally
        {
            foreach (var tenantStopping in served.Values)
            {
                await tenantStopping.CancelAsync().ConfigureAwait(false);
            }

            // The loops end on cancellation and never fault; wait for every in-flight handler to return.
            await Task.WhenAll(loops).ConfigureAwait(false);
            foreach (var tenantStopping in served.Values.Concat(retired))
            {
                tenantStopping.Dispose();
            }
        }
    }

    /// <summary>The configured tenants and the source's; when the source fails, the configured ones and those already served.</summary>
    private async Task<HashSet<TenantId>> ResolveTenantsAsync(IEnumerable<TenantId> current, CancellationToken cancellationToken)
    {
        var options = _context.Options;
        var tenants = new HashSet<TenantId>(options.Tenants);
        if (options.TenantSource is not { } source)
        {
            return tenants;
        }

        try
        {
            foreach (var tenant in await source(cancellationToken).ConfigureAwait(false) ?? [])
            {
                if (tenant.Value is null)
                {
                    FeedLog.DefaultTenantIgnored(_context.Logger);
                }
                else
                {
                    tenants.Add(tenant);
                }
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            FeedLog.TenantSourceFailed(_context.Logger, failure);
            tenants.UnionWith(current);
        }

        return tenants;
    }
}

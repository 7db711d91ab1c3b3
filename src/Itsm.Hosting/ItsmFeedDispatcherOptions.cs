using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;

namespace Itsm.Hosting;

/// <summary>
/// The feed dispatcher's settings, set with <c>AddItsm(b =&gt; b.AddFeedDispatcher(o =&gt; ...))</c> (or
/// <c>services.Configure&lt;ItsmFeedDispatcherOptions&gt;(...)</c>). Validated when the host starts; every
/// problem is listed in one <c>OptionsValidationException</c>.
/// </summary>
public sealed class ItsmFeedDispatcherOptions
{
    /// <summary>The longest interval or backoff accepted: one day.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromDays(1);

    /// <summary>
    /// The tenants whose feeds are dispatched, for hosts with a fixed set. Served together with what
    /// <see cref="TenantSource"/> returns; at least one of the two must name a tenant.
    /// </summary>
    public IList<TenantId> Tenants { get; } = new List<TenantId>();

    /// <summary>
    /// Lists the tenants to serve, for hosts whose tenants change: called at start and then every
    /// <see cref="TenantRefreshInterval"/>. A tenant that appears starts being served (from its checkpoint); one
    /// that disappears stops (its in-flight call is cancelled and redelivered when it is served again). When the
    /// call fails, the tenants being served are kept and the failure is logged. <see langword="null"/> (the
    /// default) serves <see cref="Tenants"/> only.
    /// </summary>
    public Func<CancellationToken, ValueTask<IReadOnlyList<TenantId>>>? TenantSource { get; set; }

    /// <summary>How often <see cref="TenantSource"/> is asked again. Default one minute; positive, at most <see cref="MaxInterval"/>.</summary>
    public TimeSpan TenantRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a consumer that has caught up with its tenant's feed waits before reading it again. Default one
    /// second; positive, at most <see cref="MaxInterval"/>. A consumer that is behind reads the next page at once.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many entries one feed read returns at most. Default 100; 1 to <see cref="Persistence.StoreArguments.MaxFeedRead"/>.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// How many times a handler is called for one entry before the entry is parked: 1 parks at the first failure.
    /// Default 5; 1 or more.
    /// </summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// The wait after a first failure. Each further failure doubles it, up to <see cref="MaxBackoff"/>, and each
    /// wait is drawn at random between half that value and that value (jitter), so consumers failing together do
    /// not retry together. Default one second; positive, at most <see cref="MaxBackoff"/>.
    /// </summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts (also after a store failure). Default one minute; at least <see cref="InitialBackoff"/>, at most <see cref="MaxInterval"/>.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(1);
}

using System;
using Itsm.Persistence;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Itsm.Hosting;

/// <summary>What every delivery loop of one dispatcher shares.</summary>
/// <param name="Store">The store: feed, checkpoints, parked entries.</param>
/// <param name="Options">The validated settings.</param>
/// <param name="Gates">The per (tenant, consumer) gates shared with <see cref="ItsmFeedAdmin"/>.</param>
/// <param name="Metrics">The counters.</param>
/// <param name="Clock">Stamps parked entries (the engine's clock).</param>
/// <param name="Time">Times the waits (poll, backoff, tenant refresh).</param>
/// <param name="Logger">The log.</param>
internal sealed record FeedContext(
    IAggregateStore Store,
    ItsmFeedDispatcherOptions Options,
    FeedConsumerGates Gates,
    FeedMetrics Metrics,
    IClock Clock,
    TimeProvider Time,
    ILogger Logger);

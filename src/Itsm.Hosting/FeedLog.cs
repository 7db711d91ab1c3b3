using System;
using Microsoft.Extensions.Logging;

namespace Itsm.Hosting;

/// <summary>The dispatcher's log messages.</summary>
internal static partial class FeedLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Feed handler {Consumer} failed on position {Position} of tenant {Tenant} (attempt {Attempt} of {MaxAttempts}); retrying in {Delay}.")]
    public static partial void Retrying(ILogger logger, string tenant, string consumer, long position, int attempt, int maxAttempts, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "Feed handler {Consumer} parked position {Position} of tenant {Tenant} after {Attempts} attempts; replay it with ItsmFeedAdmin.ReplayParkedAsync once the cause is fixed.")]
    public static partial void Parked(ILogger logger, string tenant, string consumer, long position, int attempts, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error,
        Message = "Feed consumer {Consumer} of tenant {Tenant} could not use the store; trying again in {Delay}.")]
    public static partial void StoreFailed(ILogger logger, string tenant, string consumer, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error,
        Message = "The feed dispatcher's tenant source failed; the tenants being served are kept.")]
    public static partial void TenantSourceFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "The feed dispatcher's tenant source returned default(TenantId); it is ignored.")]
    public static partial void DefaultTenantIgnored(ILogger logger);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information,
        Message = "Feed dispatcher serves tenant {Tenant} with {Handlers} handlers.")]
    public static partial void TenantStarted(ILogger logger, string tenant, int handlers);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information,
        Message = "Feed dispatcher stops serving tenant {Tenant}.")]
    public static partial void TenantStopped(ILogger logger, string tenant);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information,
        Message = "Replay of parked position {Position} of tenant {Tenant} for {Consumer}: {Outcome}.")]
    public static partial void Replayed(ILogger logger, string tenant, string consumer, long position, string outcome);
}

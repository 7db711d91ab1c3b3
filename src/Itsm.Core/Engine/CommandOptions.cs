using Itsm.Persistence;

namespace Itsm.Engine;

/// <summary>Optional settings of one command run by an <see cref="AggregateService{TAggregate, TId}"/>.</summary>
public sealed record CommandOptions
{
    /// <summary>
    /// The client's idempotency key (for example an HTTP <c>Idempotency-Key</c> header), at most
    /// <see cref="IdempotencyKey.MaxLength"/> characters. Running a command again with the same key and
    /// the same target, action and <see cref="Payload"/> returns the first run's result and writes
    /// nothing; the same key with anything else different fails with <see cref="IdempotencyConflictException"/>.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>
    /// The command's data in a canonical form the caller chooses (for example the request body), so a
    /// reused <see cref="IdempotencyKey"/> with other data is detected. Ignored without a key.
    /// </summary>
    public string? Payload { get; init; }

    /// <summary>
    /// The version the caller last saw (for example an HTTP <c>If-Match</c> header). When set and the
    /// record is at another version, the command is refused with <see cref="ConcurrencyException"/>
    /// before it runs.
    /// </summary>
    public long? ExpectedVersion { get; init; }
}

using Itsm.Common;
using Itsm.Persistence;

namespace Itsm.Engine;

/// <summary>Optional settings of one command run by an <see cref="AggregateService{TAggregate, TId}"/>.</summary>
public sealed record CommandOptions
{
    /// <summary>
    /// The client's idempotency key (for example an HTTP <c>Idempotency-Key</c> header), at most
    /// <see cref="IdempotencyKey.MaxLength"/> characters. Running a command again with the same key and
    /// the same target, the same command type and equal arguments (the engine fingerprints the typed
    /// command itself) returns the first run's result and writes
    /// nothing; the same key with anything else different fails with <see cref="IdempotencyConflictException"/>.
    /// </summary>
    /// <exception cref="System.ArgumentException">Set to a key with an unpaired surrogate or a control character (see <see cref="IdText"/>); the exception names <c>IdempotencyKey</c>.</exception>
    public string? IdempotencyKey
    {
        get => _idempotencyKey;
        init => _idempotencyKey = value is null ? null : IdText.Check(value, nameof(IdempotencyKey));
    }

    /// <summary>
    /// The version the caller last saw (for example an HTTP <c>If-Match</c> header). When set and the
    /// record is at another version, the command is refused with <see cref="ConcurrencyException"/>
    /// before it runs.
    /// </summary>
    public long? ExpectedVersion { get; init; }

    private readonly string? _idempotencyKey;
}

using System;
using Ardalis.GuardClauses;
using Itsm.Common;
using NodaTime;

namespace Itsm.Persistence;

/// <summary>
/// The argument rules of <see cref="IAggregateStore"/>, in one place, so every adapter refuses the
/// same bad input with the same <see cref="ArgumentException"/> before touching its store.
/// </summary>
/// <remarks>
/// Every text that becomes a key or an indexed column must be valid as <see cref="IdText"/> says (no
/// unpaired surrogate, no control character): such text would not survive every store unchanged, and
/// two different ids could then be stored, found and changed as one.
/// </remarks>
public static class StoreArguments
{
    /// <summary>Checks a tenant.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <exception cref="ArgumentException">The tenant is <c>default</c>.</exception>
    public static void CheckTenant(TenantId tenant) => Guard.Against.NullOrWhiteSpace(tenant.Value, nameof(tenant));

    /// <summary>Checks a record key.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="recordType">The record type.</param>
    /// <param name="recordId">The record id.</param>
    /// <exception cref="ArgumentException">The tenant is <c>default</c>, or the type or id is blank, longer than <see cref="AggregateWrite.MaxKeyLength"/>, or not valid as <see cref="IdText"/> says.</exception>
    public static void CheckKey(TenantId tenant, string recordType, string recordId)
    {
        CheckTenant(tenant);
        Guard.Against.NullOrWhiteSpace(recordType);
        Guard.Against.StringTooLong(recordType, AggregateWrite.MaxKeyLength);
        IdText.Check(recordType, nameof(recordType));
        Guard.Against.NullOrWhiteSpace(recordId);
        Guard.Against.StringTooLong(recordId, AggregateWrite.MaxKeyLength);
        IdText.Check(recordId, nameof(recordId));
    }

    /// <summary>The most records one <see cref="IAggregateStore.LoadManyAsync"/> call reads.</summary>
    public const int MaxLoads = 100;

    /// <summary>Checks the arguments of <see cref="IAggregateStore.LoadManyAsync"/>.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="loads">The records to read.</param>
    /// <exception cref="ArgumentException">The tenant is missing; <paramref name="loads"/> is null, empty or longer than <see cref="MaxLoads"/>; a key is invalid as <see cref="CheckKey"/> says; or a known version is negative (named <c>loads</c>).</exception>
    public static void CheckLoads(TenantId tenant, System.Collections.Generic.IReadOnlyList<RecordLoad> loads)
    {
        CheckTenant(tenant);
        Guard.Against.Null(loads);
        if (loads.Count is 0 or > MaxLoads)
        {
            throw new ArgumentException($"Load 1 to {MaxLoads} records at once, not {loads.Count}.", nameof(loads));
        }

        for (var i = 0; i < loads.Count; i++)
        {
            var load = loads[i];
            CheckKey(tenant, load.RecordType, load.RecordId);
            if (load.KnownVersion < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(loads), load.KnownVersion, "A known version is 0 (none) or more.");
            }
        }
    }

    /// <summary>Checks the arguments of <see cref="IAggregateStore.LoadByNumberAsync"/>.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="recordType">The record type.</param>
    /// <param name="number">The record's number.</param>
    /// <exception cref="ArgumentException">The tenant or record type is missing or invalid, or the number is below 1.</exception>
    public static void CheckNumber(TenantId tenant, string recordType, long number)
    {
        CheckTenant(tenant);
        Guard.Against.NullOrWhiteSpace(recordType);
        Guard.Against.StringTooLong(recordType, AggregateWrite.MaxKeyLength);
        IdText.Check(recordType, nameof(recordType));
        Guard.Against.NegativeOrZero(number);
    }

    /// <summary>Checks an idempotency key given to <see cref="IAggregateStore.FindIdempotencyKeyAsync"/>.</summary>
    /// <param name="key">The key.</param>
    /// <exception cref="ArgumentException">The key is null, blank, or not valid as <see cref="IdText"/> says.</exception>
    public static void CheckIdempotencyKey(string key)
    {
        Guard.Against.NullOrWhiteSpace(key);
        IdText.Check(key, nameof(key));
    }

    /// <summary>Checks the text of a record's indexed fields (each is an indexed column).</summary>
    /// <param name="index">The indexed fields.</param>
    /// <exception cref="ArgumentException">The index is null, or its state, service or group is not valid as <see cref="IdText"/> says (named <c>index.State</c>, <c>index.Service</c>, <c>index.AssignmentGroup</c>).</exception>
    public static void CheckIndex(RecordIndex index)
    {
        Guard.Against.Null(index);
        CheckOptionalText(index.State, nameof(index) + "." + nameof(RecordIndex.State));
        CheckOptionalText(index.Service, nameof(index) + "." + nameof(RecordIndex.Service));
        CheckOptionalText(index.AssignmentGroup, nameof(index) + "." + nameof(RecordIndex.AssignmentGroup));
    }

    /// <summary>The most entries one <see cref="IAggregateStore.ReadFeedAsync"/> call returns.</summary>
    public const int MaxFeedRead = 10_000;

    /// <summary>The longest feed consumer name accepted, in characters.</summary>
    public const int MaxConsumerLength = 200;

    /// <summary>Checks a feed read.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="after">The position to read after: 0 or more.</param>
    /// <param name="max">The most entries: 1 to <see cref="MaxFeedRead"/>.</param>
    /// <exception cref="ArgumentException">The tenant is <c>default</c>, <paramref name="after"/> is negative, or <paramref name="max"/> is out of range.</exception>
    public static void CheckFeedRead(TenantId tenant, long after, int max)
    {
        CheckTenant(tenant);
        Guard.Against.Negative(after);
        Guard.Against.OutOfRange(max, nameof(max), 1, MaxFeedRead);
    }

    /// <summary>Checks a feed consumer's name.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="consumer">The name: non-blank, at most <see cref="MaxConsumerLength"/> characters.</param>
    /// <exception cref="ArgumentException">The tenant is <c>default</c>, or the name is blank, too long or not valid as <see cref="IdText"/> says.</exception>
    public static void CheckConsumer(TenantId tenant, string consumer)
    {
        CheckTenant(tenant);
        Guard.Against.NullOrWhiteSpace(consumer);
        Guard.Against.StringTooLong(consumer, MaxConsumerLength);
        IdText.Check(consumer, nameof(consumer));
    }

    /// <summary>Checks a query.</summary>
    /// <param name="query">The query.</param>
    /// <exception cref="ArgumentException">The query is null, its limit is not positive, or a string filter is not valid as <see cref="IdText"/> says (named <c>query.RecordType</c>, <c>query.State</c>, and so on).</exception>
    public static void CheckQuery(RecordQuery query)
    {
        Guard.Against.Null(query);
        CheckOptionalText(query.RecordType, nameof(query) + "." + nameof(RecordQuery.RecordType));
        CheckOptionalText(query.State, nameof(query) + "." + nameof(RecordQuery.State));
        CheckOptionalText(query.Service, nameof(query) + "." + nameof(RecordQuery.Service));
        CheckOptionalText(query.AssignmentGroup, nameof(query) + "." + nameof(RecordQuery.AssignmentGroup));
        if (query.Limit is { } limit)
        {
            Guard.Against.NegativeOrZero(limit, nameof(query) + "." + nameof(RecordQuery.Limit));
        }
    }

    /// <summary>Checks an audit period.</summary>
    /// <param name="period">The period.</param>
    /// <exception cref="ArgumentException">The period has no start or no end.</exception>
    public static void CheckPeriod(Interval period)
    {
        if (!period.HasStart || !period.HasEnd)
        {
            throw new ArgumentException("The period must have a start and an end.", nameof(period));
        }
    }

    private static void CheckOptionalText(string? value, string paramName)
    {
        if (value is not null)
        {
            IdText.Check(value, paramName);
        }
    }

    /// <summary>Whether a record's indexed fields match a query's filters (the reference semantics of <see cref="RecordQuery"/>).</summary>
    /// <param name="query">The query.</param>
    /// <param name="recordType">The record's type.</param>
    /// <param name="index">The record's indexed fields.</param>
    /// <returns><see langword="true"/> when every filter that is set holds.</returns>
    public static bool Matches(RecordQuery query, string recordType, RecordIndex index)
    {
        Guard.Against.Null(query);
        Guard.Against.Null(index);
        return (query.RecordType is null || string.Equals(query.RecordType, recordType, StringComparison.Ordinal))
            && (query.State is null || string.Equals(query.State, index.State, StringComparison.Ordinal))
            && (query.Service is null || string.Equals(query.Service, index.Service, StringComparison.Ordinal))
            && (query.AssignmentGroup is null || string.Equals(query.AssignmentGroup, index.AssignmentGroup, StringComparison.Ordinal))
            && (!query.OpenOnly || index.IsOpen)
            && (!(query.WithSlaDueOnly || query.SlaDueBefore.HasValue) || index.SlaDueAt.HasValue)
            && (query.SlaDueBefore is not { } before || (index.SlaDueAt is { } due && due < before));
    }
}

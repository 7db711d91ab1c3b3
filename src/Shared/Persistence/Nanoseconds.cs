using System;
using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Persistence;

/// <summary>
/// Instants as 64-bit integer nanoseconds since the Unix epoch: exact, and ordered like the instants.
/// One source, compiled into each SQL store adapter (src/Shared/Persistence), which names itself in
/// <c>StoreDescription</c>.
/// </summary>
internal static partial class Nanoseconds
{
    /// <summary>The earliest storable instant: 1677-09-21T00:12:43.145224192Z (<see cref="long.MinValue"/> ns).</summary>
    internal static readonly Instant Min = NodaConstants.UnixEpoch + Duration.FromNanoseconds(long.MinValue);

    /// <summary>The latest storable instant: 2262-04-11T23:47:16.854775807Z (<see cref="long.MaxValue"/> ns).</summary>
    internal static readonly Instant Max = NodaConstants.UnixEpoch + Duration.FromNanoseconds(long.MaxValue);

    internal static bool IsStorable(Instant instant) => instant >= Min && instant <= Max;

    /// <summary>The instant's nanoseconds; throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="field"/> when it cannot be stored.</summary>
    internal static long From(Instant instant, string field) =>
        IsStorable(instant) ? (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds() : throw OutOfRange(instant, field);

    internal static long FromStorable(Instant instant) => (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();

    internal static Instant ToInstant(long nanoseconds) => NodaConstants.UnixEpoch + Duration.FromNanoseconds(nanoseconds);

    private static ArgumentOutOfRangeException OutOfRange(Instant instant, string field) =>
        new(
            field,
            string.Create(
                CultureInfo.InvariantCulture,
                $"{field} is {InstantPattern.ExtendedIso.Format(instant)}, outside the range {StoreDescription} keeps exactly (nanoseconds since 1970 in 64 bits: {InstantPattern.ExtendedIso.Format(Min)} to {InstantPattern.ExtendedIso.Format(Max)})."));
}

using NodaTime;

namespace Itsm.Routing;

/// <summary>One piece of an on-call schedule over an interval: from <c>Interval.Start</c> to <c>Interval.End</c> the same answer holds.</summary>
/// <param name="Interval">The piece, start inclusive, end exclusive.</param>
/// <param name="Person">Who is on call throughout, or <see langword="null"/> for nobody.</param>
/// <param name="Layer">The layer whose turn it is, or <see langword="null"/> for an override or nobody.</param>
/// <param name="HandoffIndex">The layer rotation's turn number, or -1 for an override or nobody.</param>
/// <param name="Override">The override that applies, or <see langword="null"/>.</param>
public sealed record OnCallSegment(Interval Interval, string? Person, string? Layer, long HandoffIndex, RotaOverride? Override);

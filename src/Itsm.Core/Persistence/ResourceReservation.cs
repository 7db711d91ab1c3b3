using System;
using Ardalis.GuardClauses;
using NodaTime;

namespace Itsm.Persistence;

/// <summary>
/// A record's exclusive hold on a resource for a window, which the store enforces in the transaction
/// that saves the record: a scheduled change reserves each service and configuration item it touches
/// for its window, so two conflicting changes saved at the same moment cannot both be scheduled.
/// </summary>
/// <remarks>
/// Two reservations conflict when they name the same resource (ordinal comparison), belong to
/// different records of the same tenant, and their windows overlap: <c>[s1, e1)</c> and
/// <c>[s2, e2)</c> with <c>s1 &lt; e2</c> and <c>s2 &lt; e1</c>.
/// </remarks>
public sealed record ResourceReservation
{
    /// <summary>The longest resource name accepted, in characters.</summary>
    public const int MaxResourceLength = 300;

    /// <summary>Creates a reservation.</summary>
    /// <param name="resource">What is reserved, for example <c>"ci:mail-relay-01"</c>: non-blank, at most <see cref="MaxResourceLength"/> characters.</param>
    /// <param name="window">The window, <c>[Start, End)</c>: with a start and an end, not empty.</param>
    /// <exception cref="ArgumentException">The resource is blank, too long or not valid as <see cref="Itsm.Common.IdText"/> says, or the window is unbounded or empty.</exception>
    public ResourceReservation(string resource, Interval window)
    {
        Guard.Against.NullOrWhiteSpace(resource);
        Guard.Against.StringTooLong(resource, MaxResourceLength);
        Itsm.Common.IdText.Check(resource, nameof(resource));
        if (!window.HasStart || !window.HasEnd || window.Duration <= Duration.Zero)
        {
            throw new ArgumentException("A reservation's window must have a start and an end, and the end must be after the start.", nameof(window));
        }

        Resource = resource;
        Window = window;
    }

    /// <summary>What is reserved.</summary>
    public string Resource { get; }

    /// <summary>The window, <c>[Start, End)</c>.</summary>
    public Interval Window { get; }

    /// <summary>Whether this reservation and <paramref name="other"/> name the same resource and overlap.</summary>
    /// <param name="other">Another reservation.</param>
    /// <returns><see langword="true"/> when they conflict (if held by different records).</returns>
    public bool Overlaps(ResourceReservation other)
    {
        Guard.Against.Null(other);
        return string.Equals(Resource, other.Resource, StringComparison.Ordinal)
            && Window.Start < other.Window.End
            && other.Window.Start < Window.End;
    }
}

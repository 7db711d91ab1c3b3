using System;
using Itsm.Common;
using NodaTime;

namespace Itsm.Routing;

/// <summary>
/// A replacement on an <see cref="OnCallSchedule"/>: during <see cref="Interval"/>, <see cref="Person"/> is on call
/// whatever the layers say (a swap, a sick day covered). Overrides win over every layer; where overrides overlap,
/// the one listed last wins (the most recent, as in PagerDuty).
/// </summary>
public sealed record RotaOverride
{
    /// <summary>Creates an override.</summary>
    /// <param name="interval">When it applies: a bounded, non-empty interval, start inclusive, end exclusive.</param>
    /// <param name="person">Who is on call instead.</param>
    /// <exception cref="ArgumentException"><paramref name="interval"/> is unbounded or empty, or <paramref name="person"/> is blank or too long.</exception>
    public RotaOverride(Interval interval, string person)
    {
        if (!interval.HasStart || !interval.HasEnd || interval.Start == interval.End)
        {
            throw new ArgumentException("An override needs a bounded, non-empty interval.", nameof(interval));
        }

        Interval = interval;
        Person = Names.Required(person, nameof(person));
    }

    /// <summary>When it applies.</summary>
    public Interval Interval { get; }

    /// <summary>Who is on call instead.</summary>
    public string Person { get; }
}

using NodaTime;

namespace Itsm.BusinessTime;

/// <summary>
/// An extra opening: on <see cref="Date"/>, the wall-clock <see cref="Hours"/> are working time
/// even if the weekly schedule says they are not (for example a Saturday shift before a release).
/// </summary>
/// <remarks>
/// <para>A date's working hours are its weekday's hours (none on a holiday), joined with the
/// date's openings, less the date's closures. So an opening on a holiday opens those hours only,
/// and an opening may overlap the weekly hours or other openings: their union is working.</para>
/// <para>An opening and a closure on the same date must not overlap: the definition would say the
/// same wall-clock time is both open and closed, and building the calendar refuses it.</para>
/// </remarks>
/// <param name="Date">The local date the opening applies to.</param>
/// <param name="Hours">The wall-clock hours that are working time on that date.</param>
public readonly record struct Opening(LocalDate Date, TimeOfDayRange Hours);

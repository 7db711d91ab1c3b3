using NodaTime;

namespace Itsm.BusinessTime;

/// <summary>
/// A partial closure: on <see cref="Date"/>, the wall-clock <see cref="Hours"/> are not working
/// time even if the weekly schedule says they are (for example Christmas Eve from 13:00).
/// </summary>
/// <remarks>
/// Closures may cover non-working time, and several closures on one date may overlap: their
/// union is closed. A whole-day closure is a holiday.
/// </remarks>
/// <param name="Date">The local date the closure applies to.</param>
/// <param name="Hours">The wall-clock hours that are closed on that date.</param>
public readonly record struct Closure(LocalDate Date, TimeOfDayRange Hours);

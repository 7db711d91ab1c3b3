namespace Itsm.BusinessTime;

/// <summary>The kinds of recurring holiday a <see cref="HolidayRule"/> describes.</summary>
public enum HolidayRuleKind
{
    /// <summary>The same month and day every year (for example 25 December).</summary>
    FixedDate = 0,

    /// <summary>The nth occurrence of a weekday in a month (for example the first Monday in May).</summary>
    NthWeekdayOfMonth = 1,

    /// <summary>The last occurrence of a weekday in a month (for example the last Monday in May).</summary>
    LastWeekdayOfMonth = 2,

    /// <summary>A number of days before or after Western (Gregorian) Easter Sunday (for example Good Friday, -2).</summary>
    EasterRelative = 3,
}

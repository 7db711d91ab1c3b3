namespace Itsm.BusinessTime;

/// <summary>
/// How a recurring holiday that falls on a weekend (Saturday or Sunday) is observed.
/// </summary>
public enum HolidayObservance
{
    /// <summary>The holiday is observed on the day it falls, weekend or not.</summary>
    Actual = 0,

    /// <summary>
    /// A Saturday holiday is observed on the Friday before and a Sunday holiday on the Monday
    /// after (the United States federal rule).
    /// </summary>
    NearestWeekday = 1,

    /// <summary>
    /// A weekend holiday is observed on the next weekday (Monday to Friday) that is not already a
    /// holiday (the United Kingdom's substitute-day rule: Christmas on Saturday and Boxing Day on
    /// Sunday are observed on Monday and Tuesday).
    /// </summary>
    NextWeekday = 2,
}

namespace Itsm.Governance;

/// <summary>How a control counts the days it allows (<see cref="ControlDefinition.Days"/>).</summary>
/// <remarks>Both count whole local dates, not 24-hour spans: "within 2 days" of something done on Monday at
/// 23:00 allows all of Wednesday. Dates are in the zone of <see cref="ControlEvaluationOptions.Calendar"/>, or
/// UTC without one.</remarks>
public enum DayCount
{
    /// <summary>Every date counts. JSON: <c>calendar</c>.</summary>
    Calendar = 1,

    /// <summary>Only working days of <see cref="ControlEvaluationOptions.Calendar"/> count (<see cref="Itsm.BusinessTime.BusinessCalendar.IsWorkingDay"/>),
    /// so weekends and holidays give extra time. JSON: <c>business</c>.</summary>
    Business = 2,
}

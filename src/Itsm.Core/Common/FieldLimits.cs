namespace Itsm.Common;

/// <summary>
/// The longest text and the most items every record accepts, in one place (docs/limits.md). A value
/// beyond a limit is refused before anything changes: an argument with a
/// <see cref="FieldLimitException"/> naming the parameter, a record collection that is full with a
/// <see cref="DomainRuleViolationException"/> whose code is <see cref="CollectionFullCode"/>.
/// </summary>
/// <remarks>
/// <para>
/// Lengths count UTF-16 code units (<see cref="string.Length"/>), as .NET, SQL Server and PostgreSQL's
/// <c>varchar(n)</c> documentation speak of characters; an emoji counts two. They follow the defaults of
/// ServiceNow (short description 160, description and work notes 4,000, names up to 255) rather than
/// Jira's 32,767-character text fields: a record's stored state stays a few hundred kilobytes at most,
/// far below any store's limit (SQLite's 1 GB value, PostgreSQL's 1 GB <c>jsonb</c>), and every
/// limit is large enough for what the field is for.
/// </para>
/// <para>
/// Configuration (agreements, calendars, the service model) is limited where it is stored beside
/// records or nests: ids and names as <see cref="Id"/>, SLA conditions to <see cref="ConditionDepth"/>
/// levels, SLA targets to <see cref="MaxTargetDays"/> days.
/// </para>
/// </remarks>
public static class FieldLimits
{
    /// <summary>
    /// The longest id or name held as text: callers, actors, support groups, assignees, services,
    /// configuration items, suppliers, catalog items, linked record ids, agreement and calendar ids: 200,
    /// the longest store key (<c>AggregateWrite.MaxKeyLength</c>), so a name can always become a key.
    /// </summary>
    public const int Id = 200;

    /// <summary>The longest title or short description (ServiceNow's <c>short_description</c>): 160.</summary>
    public const int Title = 160;

    /// <summary>
    /// The longest free text: descriptions, notes, comments, reasons, plans, root causes, workarounds,
    /// summaries, answers (ServiceNow's <c>description</c> and journal entries): 4,000.
    /// </summary>
    public const int Text = 4000;

    /// <summary>
    /// The most items of a list given with a command or held by a record: services and configuration
    /// items of a change, approvals, tags, values of a condition, roles, catalog variables: 100.
    /// </summary>
    public const int Items = 100;

    /// <summary>The most records linked to one record (the incidents of a problem, the children of a major incident): 1,000.</summary>
    public const int LinkedRecords = 1000;

    /// <summary>
    /// How deep SLA conditions nest (<c>all</c>, <c>any</c>, <c>not</c>; a leaf is depth 1): 16. The same
    /// limit holds when an agreement is built and when it is read, so every agreement accepted writes JSON
    /// that reads back (a list of agreements stays below the JSON reader's 64 levels).
    /// </summary>
    public const int ConditionDepth = 16;

    /// <summary>
    /// The longest SLA target, in days: 3,660 (ten years of 366 days). Far longer than any service level,
    /// and far inside what a target's JSON text can hold (longer durations overflow a 64-bit count of nanoseconds at about 292 years).
    /// </summary>
    public const int MaxTargetDays = 3660;

    /// <summary>The stable code of a <see cref="FieldLimitException"/> for text longer than its limit.</summary>
    public const string TooLongCode = "ITSM-LIMIT-001";

    /// <summary>The stable code of a <see cref="FieldLimitException"/> for a list with more items than its limit.</summary>
    public const string TooManyItemsCode = "ITSM-LIMIT-002";

    /// <summary>The stable code of the <see cref="DomainRuleViolationException"/> refusing a command that would add to a record's collection already at its limit.</summary>
    public const string CollectionFullCode = "ITSM-LIMIT-003";
}

namespace Itsm.Import;

/// <summary>A ticket the import refused: none of it was stored.</summary>
/// <param name="TicketKey">The ticket's key in the source (<c>INC0010002</c>, <c>1-364285768</c>).</param>
/// <param name="Category">
/// Why, as a stable category: the refused command's rule code (<c>ITSM-INC-REOPEN-001</c>),
/// <c>invalid-transition:State:Command</c> when the lifecycle does not permit the command in that state,
/// or a row problem: <c>bad-date</c>, <c>unknown-state</c>, <c>missing-value:column</c>, <c>bad-value:column</c>.
/// </param>
/// <param name="Row">The number of the row whose event was refused (1-based, the header not counted).</param>
/// <param name="Message">What went wrong, naming the row and the value.</param>
public sealed record ImportRefusal(string TicketKey, string Category, long Row, string Message);

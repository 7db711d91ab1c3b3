using NodaTime;

namespace Itsm.Governance;

/// <summary>
/// One case where a control did not hold (what an auditor calls an exception): which record, what failed
/// and when.
/// </summary>
/// <param name="RecordType">The record type, for example <c>"Change"</c>.</param>
/// <param name="RecordId">The record's id, as the audit log writes it.</param>
/// <param name="TicketNumber">The record's ticket number, when <see cref="ControlEvaluationOptions.TicketNumbers"/> knows it; otherwise <see langword="null"/>.</param>
/// <param name="At">When the control failed: the implementation's start, the approval, the first instant inside the blackout, or the review's deadline (docs/governance.md gives each kind's).</param>
/// <param name="Description">What failed, in a sentence, naming the people, authority, blackout or deadline involved.</param>
public sealed record ControlDeviation(string RecordType, string RecordId, string? TicketNumber, Instant At, string Description);

namespace Itsm.Governance;

/// <summary>A record a control applied to in the period: one member of its population.</summary>
/// <param name="RecordType">The record type, for example <c>"Change"</c>.</param>
/// <param name="RecordId">The record's id, as the audit log writes it.</param>
/// <param name="TicketNumber">The record's ticket number (for example <c>CHG0000042</c>), when <see cref="ControlEvaluationOptions.TicketNumbers"/> knows it; otherwise <see langword="null"/>.</param>
public sealed record ControlSubject(string RecordType, string RecordId, string? TicketNumber);

namespace Itsm.Governance;

/// <summary>
/// Audit entries a <see cref="ControlReport"/> could not use: a control evaluated on a cut history may hold
/// only because the evidence against it was skipped, so show these beside the results.
/// </summary>
/// <remarks>
/// Codes: <c>ITSM-GOV-DATA-001</c> entries of changes, incidents or service requests whose opening entry was not
/// among the entries (opened before they start, a cut history, or an entry after the record was closed), skipped;
/// <c>ITSM-GOV-DATA-002</c> entries whose event this version cannot read (written by a newer version or damaged), skipped.
/// </remarks>
/// <param name="Code">The stable code.</param>
/// <param name="Count">How many audit entries it concerns.</param>
/// <param name="Example">One record it concerns, as <c>RecordType id</c>.</param>
/// <param name="Message">What was left out.</param>
public sealed record ControlWarning(string Code, long Count, string Example, string Message);

namespace Itsm.Improvement;

/// <summary>
/// Data a <see cref="KpiReport"/> could not use, so its figures are computed on less than was given:
/// a KPI that silently lost data would read as a real 0 %. <see cref="KpiReport.Warnings"/> lists them.
/// </summary>
/// <remarks>
/// Codes: <c>ITSM-KPI-DATA-001</c> audit entries of records whose opening entry was not among the entries
/// (the record was opened before the entries start, or its history was cut), skipped;
/// <c>ITSM-KPI-DATA-002</c> audit entries whose event this version cannot read (written by a newer
/// version or damaged), skipped.
/// </remarks>
/// <param name="Code">The stable code.</param>
/// <param name="Count">How many audit entries it concerns.</param>
/// <param name="Example">One record it concerns, as <c>RecordType id</c>.</param>
/// <param name="Message">What was left out and what it does to the figures.</param>
public sealed record KpiWarning(string Code, long Count, string Example, string Message);

namespace Itsm.Samples.Import;

/// <summary>What the command line asks for.</summary>
/// <param name="Format">The shipped mapping: <c>servicenow-incident-csv</c> or <c>bpic2013</c>.</param>
/// <param name="Input">The CSV file.</param>
/// <param name="Mapping">A mapping file that replaces the shipped one, or null.</param>
/// <param name="Database">The SQLite file to import into, or null for a temporary one.</param>
/// <param name="Json">Where to write the JSON report, or null.</param>
public sealed record ImportSettings(string Format, string Input, string? Mapping, string? Database, string? Json);

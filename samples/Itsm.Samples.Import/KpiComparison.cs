namespace Itsm.Samples.Import;

/// <summary>One KPI computed twice: by the engine from what it imported, and directly from the log's own columns.</summary>
/// <param name="Name">The KPI's name in the JSON report (camelCase).</param>
/// <param name="Title">The KPI in words.</param>
/// <param name="Engine">The engine's figure (over the accepted tickets), or null when it has no value.</param>
/// <param name="Log">The log's figure (over every ticket of the file), or null when it has no value.</param>
public sealed record KpiComparison(string Name, string Title, double? Engine, double? Log);

using System.IO;
using System.Text.Json;

namespace Itsm.Samples.Import;

/// <summary>
/// Writes the report as JSON: <c>{"tickets": N, "accepted": N, "refusals": [{"category", "count", "example"}], "kpis": {...}}</c>,
/// with the import's other counts beside; each KPI is <c>{"engine": x, "log": y}</c> (null when it has no value). Under a
/// workflow, <c>"workflow"</c> names it and <c>"workflowStates"</c> counts the tickets by the state they end in.
/// <c>"editsAfterClose"</c>: <c>{"ignored", "tickets", "example", "carriedToReopen"}</c>, the rows that changed a Closed
/// ticket's fields and were dropped for want of a reopen (in how many tickets, the first of them) or carried to one.
/// </summary>
public static class ReportJson
{
    /// <summary>Writes <paramref name="outcome"/> to <paramref name="path"/>.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <param name="path">The file.</param>
    public static void Write(ImportOutcome outcome, string path)
    {
        using var file = File.Create(path);
        Write(outcome, file);
    }

    /// <summary>Writes <paramref name="outcome"/> to <paramref name="stream"/>.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <param name="stream">The stream.</param>
    public static void Write(ImportOutcome outcome, Stream stream)
    {
        var report = outcome.Report;
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("mapping", report.Mapping);
        w.WriteNumber("tickets", report.Tickets);
        w.WriteNumber("accepted", report.Accepted);
        w.WriteNumber("alreadyImported", report.AlreadyImported);
        w.WriteNumber("refused", report.Refused);
        w.WriteNumber("events", report.EventsRead);
        w.WriteNumber("commands", report.CommandsApplied);
        w.WriteNumber("seconds", outcome.Seconds);
        w.WriteStartObject("editsAfterClose");
        w.WriteNumber("ignored", report.IgnoredEditsAfterClose);
        w.WriteNumber("tickets", report.TicketsWithIgnoredEditsAfterClose);
        w.WriteString("example", report.IgnoredEditsAfterCloseExample);
        w.WriteNumber("carriedToReopen", report.EditsAfterCloseCarriedToReopen);
        w.WriteEndObject();
        w.WriteString("workflow", outcome.Workflow);
        w.WriteStartObject("workflowStates");
        foreach (var (state, tickets) in outcome.WorkflowStates)
        {
            w.WriteNumber(state, tickets);
        }

        w.WriteEndObject();
        w.WriteStartArray("refusals");
        foreach (var category in report.RefusalCategories)
        {
            w.WriteStartObject();
            w.WriteString("category", category.Category);
            w.WriteNumber("count", category.Count);
            w.WriteString("example", category.Example.TicketKey);
            w.WriteString("message", category.Example.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("kpis");
        foreach (var kpi in outcome.Kpis)
        {
            w.WriteStartObject(kpi.Name);
            Number(w, "engine", kpi.Engine);
            Number(w, "log", kpi.Log);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartArray("kpiWarnings");
        foreach (var warning in outcome.Warnings)
        {
            w.WriteStartObject();
            w.WriteString("code", warning.Code);
            w.WriteNumber("count", warning.Count);
            w.WriteString("example", warning.Example);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}

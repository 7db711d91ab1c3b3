using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Workflows;
using Xunit;

namespace Itsm.Core.Tests.Workflows;

/// <summary>The same mistakes written in JSON: <see cref="WorkflowJson"/> reports what the builder reports, code for code.</summary>
public sealed partial class WorkflowValidationPropertyTests
{
    /// <summary>The JSON form of each mistake JSON can express (a block lives inside its state, so a block of an unknown state cannot be written).</summary>
    private static readonly Dictionary<string, Func<int, JsonParts>> JsonForms = new(StringComparer.Ordinal)
    {
        ["bad state name"] = i => new([State($"Bad\t{i}", "InProgress")], [Named($"to-bad-{i}", "Investigating", $"Bad\t{i}")]),
        ["missing parent"] = i => new([State($"Orphan {i}", "Doing", blocks: ["Resolve"])], [Named($"adopt-{i}", "Investigating", $"Orphan {i}")]),
        ["final parent"] = i => new([State($"Done {i}", "Closed")], [Named($"from-done-{i}", $"Done {i}", "Triage")]),
        ["duplicate state"] = i => new(
            [State($"Twin {i}", "InProgress"), State($"TWIN {i}", "InProgress")],
            [Named($"twin-{i}", "Investigating", $"Twin {i}"), Named($"untwin-{i}", $"TWIN {i}", "Investigating")]),
        ["library name"] = i => new([State("onhold", "OnHold")], []),
        ["two entries"] = i => new([State($"Hold A {i}", "OnHold", entry: true), State($"Hold B {i}", "OnHold", entry: true)], []),
        ["unknown target"] = i => new([], [Named($"lost-{i}", "Investigating", $"Ghost {i}")]),
        ["unknown source"] = i => new([], [Named($"found-{i}", $"Ghost {i}", "Awaiting Change")]),
        ["named leaves its state"] = i => new([], [Named($"escape-{i}", "Triage", "Investigating")]),
        ["bound cannot lead"] = i => new([], ["""{ "on": "Resume", "from": "Triage", "to": "Investigating" }"""]),
        ["name taken"] = i => new([], [Named("screen", "Triage", "Screening")]),
        ["self transition"] = i => new([], [Named($"again-{i}", "Investigating", "Investigating")]),
        ["bad transition name"] = i => new([], [Named($" pad {i}", "Investigating", "Awaiting Change")]),
        ["bad role"] = i => new([], [Named($"gated-{i}", "Awaiting Change", "Investigating", $$"""{ "roles": [{{Q($"role\n{i}")}}] }""")]),
        ["unknown predicate"] = i => new([], [Named($"check-{i}", "Awaiting Change", "Investigating", $$"""{ "when": {{Q($"peer-{i}")}} }""")]),
        ["unreachable"] = i => new([State($"Parked {i}", "InProgress")], []),
        ["dead end"] = i => new([State($"Stuck {i}", "InProgress", blocks: WaysOutOfInProgress.Select(c => c.ToString()))], [Named($"stick-{i}", "Investigating", $"Stuck {i}")]),
        ["unknown removed state"] = i => new([], [], [$"{Q($"Never {i}")}: \"Investigating\""]),
        ["bad id"] = i => new([], []),
        ["bad version"] = i => new([], []),
    };

    // A property, not a field: the order of static initializers across the parts of a partial class is not defined.
    private static int[] Expressible => [.. Enumerable.Range(0, Mistakes.Length).Where(k => JsonForms.ContainsKey(Mistakes[k].Name))];

    [Property(MaxTest = 100)]
    public Property Json_reports_what_the_builder_reports_for_the_same_mistakes() =>
        Prop.ForAll(Arb.From(Gen.ListOf(Gen.Elements(Expressible)).Select(l => l.Take(8).ToArray())), picked =>
        {
            var built = Problems(picked).Select(p => p.Code).Order();
            var read = ReadProblems(picked).Select(p => p.Code).Order();

            Assert.Equal(built, read);
            return true;
        });

    private static IReadOnlyList<WorkflowProblem> ReadProblems(int[] picked)
    {
        var mistakes = picked.Select(k => Mistakes[k]).ToList();
        var id = mistakes.Select(m => m.Id).LastOrDefault(v => v is not null) ?? "acme";
        var version = mistakes.Select(m => m.Version).LastOrDefault(v => v is not null) ?? 2;
        var parts = mistakes.Select((m, i) => JsonForms[m.Name](i)).ToList();
        string[] states =
        [
            State("Triage", "New"), State("Screening", "New"), State("Investigating", "InProgress"), State("Awaiting Change", "InProgress"),
            .. parts.SelectMany(p => p.States),
        ];
        string[] transitions =
        [
            Named("screen", "Triage", "Screening"), Named("unscreen", "Screening", "Triage"),
            Named("wait", "Investigating", "Awaiting Change"), Named("released", "Awaiting Change", "Investigating"),
            .. parts.SelectMany(p => p.Transitions),
        ];
        string[] migration = ["\"Parked\": \"Awaiting Change\"", .. parts.SelectMany(p => p.Migration ?? [])];
        var json = $$"""
            { "id": {{Q(id)}}, "lifecycle": "Incident", "versions": [
              { "version": 1,
                "states": [{{State("Triage", "New")}}, {{State("Investigating", "InProgress")}}, {{State("Parked", "InProgress")}}],
                "transitions": [{{Named("park", "Investigating", "Parked")}}, {{Named("unpark", "Parked", "Investigating")}}] },
              { "version": {{version}}, "states": [{{string.Join(", ", states)}}], "transitions": [{{string.Join(", ", transitions)}}],
                "migration": { {{string.Join(", ", migration)}} } } ] }
            """;
        try
        {
            WorkflowJson.Read(json);
            return [];
        }
        catch (WorkflowDefinitionException e)
        {
            return e.Problems;
        }
    }

    private static string Q(string text) => JsonSerializer.Serialize(text);

    private static string State(string name, string parent, bool entry = false, IEnumerable<string>? blocks = null) =>
        $$"""{ "name": {{Q(name)}}, "parent": {{Q(parent)}}{{(entry ? ", \"entry\": true" : string.Empty)}}{{(blocks is null ? string.Empty : $", \"blocks\": [{string.Join(", ", blocks.Select(Q))}]")}} }""";

    private static string Named(string name, string from, string to, string? guard = null) =>
        $$"""{ "name": {{Q(name)}}, "from": {{Q(from)}}, "to": {{Q(to)}}{{(guard is null ? string.Empty : ", \"guard\": " + guard)}} }""";

    private sealed record JsonParts(string[] States, string[] Transitions, string[]? Migration = null);
}

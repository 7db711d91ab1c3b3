using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Itsm.Changes;
using Itsm.Core.Tests.Lifecycles;
using Itsm.Incidents;
using Itsm.Workflows;

namespace Itsm.Core.Tests.Workflows;

/// <summary>
/// <see cref="Workflow.ToMermaid"/>: the worked example's diagram in docs/lifecycles/ is generated from the
/// workflow that runs (<c>ITSM_UPDATE_DIAGRAMS=1</c> rewrites it), and every diagram keeps to Mermaid's
/// state-diagram rules (no edge between internal states of different composites, quoted names, one colon per edge).
/// </summary>
public sealed partial class WorkflowDiagramTests
{
    [Fact]
    public void Worked_example_diagram_matches_the_configured_workflow() =>
        LifecycleDiagramTests.CheckDiagram(
            "incident-workflow-example.md",
            "Incident workflow: worked example",
            "The worked example of [../workflows.md](../workflows.md): custom states Triage (inside New),\n" +
            "Investigating and Awaiting Change (inside InProgress), generated from `Workflow.ToMermaid()` of the\n" +
            "workflow defined in tests/Itsm.Core.Tests/Workflows/IncidentWorkflowExample.cs. Library states with\n" +
            "custom states are composites whose `[*]` marks the entry state; edges between library states are\n" +
            "library commands, edges inside a composite are named transitions (with their guard) and bound commands.",
            IncidentWorkflowExample.Build().ToMermaid());

    // The guide's first Mermaid block is the worked example's diagram; ITSM_UPDATE_DIAGRAMS=1 rewrites it.
    [Fact]
    public void Guide_ShowsTheWorkedExamplesGeneratedDiagram() =>
        LifecycleDiagramTests.CheckDiagram("workflows.md", "Workflows", string.Empty, IncidentWorkflowExample.Build().ToMermaid(), folder: "docs");

    [Fact]
    public void ToMermaid_DrawsCustomStatesAsCompositesAndImplicitStatesAsPlainStates()
    {
        var mermaid = IncidentWorkflowExample.Build().ToMermaid();

        Assert.Contains("    state New {\n        state \"Triage\" as s0\n        [*] --> s0\n    }\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("    state InProgress {\n        state \"Investigating\" as s1\n        state \"Awaiting Change\" as s2\n        [*] --> s1\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("    state \"OnHold\" as s3\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("    [*] --> New\n", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void ToMermaid_LabelsNamedTransitionsWithTheirGuardAndBoundCommandsInsideTheComposite()
    {
        var mermaid = IncidentWorkflowExample.Build().ToMermaid();

        Assert.Contains("        s1 --> s2 : wait-for-change [requires AssignmentGroup]\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("        s2 --> s1 : change-released [role itil or change-manager]\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("        s1 --> s2 : LinkCausedByChange\n", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void ToMermaid_NamesTheCustomStatesThatBlockALibraryCommand()
    {
        var mermaid = IncidentWorkflowExample.Build().ToMermaid();

        Assert.Contains("    InProgress --> s4 : Resolve (not from Awaiting Change)\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("    InProgress --> s3 : PutOnHold\n", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void ToMermaid_NamesABoundCommandLandingOutsideTheEntryState()
    {
        var mermaid = WorkflowBuilder.ForIncidents("acme")
            .State("Investigating", IncidentState.InProgress)
            .State("Awaiting Change", IncidentState.InProgress)
            .Transition("wait", "Investigating", "Awaiting Change")
            .Transition("released", "Awaiting Change", "Investigating")
            .State("Awaiting Vendor", IncidentState.OnHold)
            .On(IncidentCommand.Resume, "Awaiting Vendor", "Awaiting Change")
            .Build()
            .ToMermaid();

        Assert.Contains("    OnHold --> InProgress : Resume (Awaiting Vendor to Awaiting Change)\n", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void ToMermaid_EscapesNamesThatWouldBreakTheSyntax()
    {
        var mermaid = WorkflowBuilder.ForIncidents("acme")
            .State("Waiting: \"vendor\" [L2]", IncidentState.OnHold)
            .State("Parked; {x}", IncidentState.OnHold)
            .Transition("park: now", "Waiting: \"vendor\" [L2]", "Parked; {x}", WorkflowGuard.When("it's: ok", _ => true))
            .Transition("unpark", "Parked; {x}", "Waiting: \"vendor\" [L2]")
            .Build()
            .ToMermaid();

        Assert.Contains("state \"Waiting - 'vendor' (L2)\" as s2", mermaid, StringComparison.Ordinal);
        Assert.Contains("state \"Parked, (x)\" as s3", mermaid, StringComparison.Ordinal);
        Assert.Contains("s2 --> s3 : park - now [when it's - ok]", mermaid, StringComparison.Ordinal);
        AssertValidStateDiagram(mermaid);
    }

    public static TheoryData<string> Workflows => new()
    {
        "example",
        "normal-change-peer-review",
        "every-incident-state",
        "problem-fix-review",
    };

    [Theory]
    [MemberData(nameof(Workflows))]
    public void ToMermaid_KeepsToMermaidStateDiagramRules(string name)
    {
        Workflow workflow = name switch
        {
            "example" => IncidentWorkflowExample.Build(),
            "normal-change-peer-review" => WorkflowBuilder.ForChanges(ChangeType.Normal, "acme-change")
                .State("Drafting", ChangeState.New)
                .State("Peer Review", ChangeState.New)
                .Transition("request-review", "Drafting", "Peer Review", WorkflowGuard.AnyRole("change-coordinator"))
                .Transition("rework", "Peer Review", "Drafting")
                .Block("Drafting", ChangeCommand.Submit)
                .Build(),
            "problem-fix-review" => WorkflowBuilder.ForProblems("acme-problem")
                .State("Fixing", Itsm.Problems.ProblemState.FixInProgress)
                .State("Fix Review", Itsm.Problems.ProblemState.FixInProgress)
                .Transition("review", "Fixing", "Fix Review", WorkflowGuard.AnyRole("problem-manager"))
                .Transition("rework", "Fix Review", "Fixing")
                .Build(),
            _ => WorkflowBuilder.ForIncidents("acme")
                .State("Triage", IncidentState.New)
                .State("Investigating", IncidentState.InProgress)
                .State("Awaiting Caller", IncidentState.OnHold)
                .State("Awaiting Vendor", IncidentState.OnHold, isEntry: true)
                .State("Pending Confirmation", IncidentState.Resolved)
                .Transition("vendor-replied", "Awaiting Vendor", "Awaiting Caller")
                .Transition("ask-vendor", "Awaiting Caller", "Awaiting Vendor")
                .Build(),
        };

        AssertValidStateDiagram(workflow.ToMermaid());
    }

    [Fact]
    public void AssertValidStateDiagram_RejectsAnEdgeBetweenInternalStatesOfDifferentComposites()
    {
        const string Invalid = "stateDiagram-v2\n    state A {\n        state \"a\" as s0\n    }\n    state B {\n        state \"b\" as s1\n    }\n    s0 --> s1 : go\n";

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertValidStateDiagram(Invalid));
    }

    // Mermaid's state-diagram rules the generator relies on: every edge joins two states of the same scope
    // (the top level, or one composite), every state it names is declared, a label has no second colon.
    private static void AssertValidStateDiagram(string mermaid)
    {
        var lines = mermaid.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("stateDiagram-v2", lines[0]);
        var scopeOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var edges = new List<(string From, string To, string Scope, string Line)>();
        var scope = string.Empty;
        foreach (var raw in lines.Skip(1))
        {
            var line = raw.Trim();
            if (line.StartsWith("%%", StringComparison.Ordinal))
            {
                continue;
            }

            if (CompositeOpen().Match(line) is { Success: true } open)
            {
                Assert.Equal(string.Empty, scope);
                scopeOf.Add(open.Groups[1].Value, scope);
                scope = open.Groups[1].Value;
            }
            else if (line == "}")
            {
                Assert.NotEqual(string.Empty, scope);
                scope = string.Empty;
            }
            else if (Declaration().Match(line) is { Success: true } declared)
            {
                scopeOf.Add(declared.Groups[2].Value, scope);
            }
            else if (Edge().Match(line) is { Success: true } edge)
            {
                Assert.DoesNotContain(':', edge.Groups[3].Value);
                Assert.DoesNotContain(';', edge.Groups[3].Value);
                edges.Add((edge.Groups[1].Value, edge.Groups[2].Value, scope, line));
            }
            else
            {
                Assert.Fail($"Not a state-diagram line: {line}");
            }
        }

        Assert.Equal(string.Empty, scope);
        foreach (var (from, to, edgeScope, line) in edges)
        {
            foreach (var end in new[] { from, to }.Where(e => e != "[*]"))
            {
                Assert.True(scopeOf.TryGetValue(end, out var declaredIn), $"'{end}' is not declared: {line}");
                Assert.True(declaredIn == edgeScope, $"'{end}' is declared in '{declaredIn}', the edge in '{edgeScope}': {line}");
            }
        }
    }

    [GeneratedRegex("^state ([A-Za-z][A-Za-z0-9]*) \\{$")]
    private static partial Regex CompositeOpen();

    [GeneratedRegex("^state \"([^\"\\n]+)\" as (s[0-9]+)$")]
    private static partial Regex Declaration();

    [GeneratedRegex("^(\\[\\*\\]|[A-Za-z][A-Za-z0-9]*) --> (\\[\\*\\]|[A-Za-z][A-Za-z0-9]*)(?: : ([^\\n]+))?$")]
    private static partial Regex Edge();
}

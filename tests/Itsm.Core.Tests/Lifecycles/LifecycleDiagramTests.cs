using System;
using System.IO;
using Itsm.Changes;
using Itsm.Improvement;
using Itsm.Incidents;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.ServiceDesk;

namespace Itsm.Core.Tests.Lifecycles;

/// <summary>
/// The diagrams in docs/lifecycles/ are generated from the configured machines: each file holds a
/// ```mermaid block with exactly what the lifecycle's ToMermaid() returns. A test fails when a
/// committed diagram no longer matches the code; with <c>ITSM_UPDATE_DIAGRAMS=1</c> it rewrites the
/// block (or the whole file, when it has none) instead.
/// </summary>
public sealed class LifecycleDiagramTests
{
    private const string UpdateVariable = "ITSM_UPDATE_DIAGRAMS";
    private const string Fence = "```mermaid\n";
    private const string FenceEnd = "```";

    [Fact]
    public void Incident_diagram_matches_the_configured_machine() =>
        CheckDiagram(
            "incident.md",
            "Incident lifecycle",
            "The incident's states and commands, generated from `IncidentLifecycle.ToMermaid()` (the configured\n" +
            "Stateless machine). Commands that record data without changing the state appear as\n" +
            "self-transitions; `RecordCallerResponse` on hold goes back to InProgress only when the incident\n" +
            "awaits the caller. Canceled is terminal; Closed too unless the reopen policy reopens closed incidents.\n" +
            "The rules of each command are in [README.md](README.md#incident-itsmincidents).",
            IncidentLifecycle.ToMermaid());

    [Fact]
    public void Incident_diagram_under_open_practice_policies_matches_the_configured_machine() =>
        CheckDiagram(
            "incident-open-practice.md",
            "Incident lifecycle under open-practice policies",
            "The incident's machine under the policies many real desks run (and the shipped history-import\n" +
            "mappings use): `WorkStart = Explicit` (assignment never changes the state; only `StartWork` does)\n" +
            "and `Reopen = IncidentReopenPolicy.Anyone` (anyone reopens, no window, closed\n" +
            "incidents too). Generated from `IncidentLifecycle.ToMermaid(options)`; the default machine and\n" +
            "every policy are in [incident.md](incident.md).",
            IncidentLifecycle.ToMermaid(new IncidentOptions { WorkStart = IncidentWorkStart.Explicit, Reopen = IncidentReopenPolicy.Anyone }));

    [Fact]
    public void Service_request_diagram_matches_the_configured_machine() =>
        CheckDiagram(
            "service-request.md",
            "Service request lifecycle",
            "The service request's states and commands, generated from `ServiceRequestLifecycle.ToMermaid()`\n" +
            "(the configured Stateless machine). Whether a request goes through AwaitingApproval depends on\n" +
            "its catalog item. `Assign`, `Unassign` and `SlaThreshold` keep the state and appear as\n" +
            "self-transitions. Closed, Rejected and Canceled are terminal. The rules are in\n" +
            "[README.md](README.md#service-request-itsmrequests).",
            ServiceRequestLifecycle.ToMermaid());

    [Fact]
    public void Interaction_diagram_matches_the_configured_machine() =>
        CheckDiagram(
            "interaction.md",
            "Service desk interaction lifecycle",
            "A service desk interaction's states and commands, generated from `InteractionLifecycle.ToMermaid()`\n" +
            "(the configured Stateless machine). An interaction is classified exactly once: Incident,\n" +
            "ServiceRequest and Answered are terminal. See [README.md](README.md#service-desk-itsmservicedesk).",
            InteractionLifecycle.ToMermaid());

    [Fact]
    public void Problem_diagram_matches_the_configured_machine() =>
        CheckDiagram(
            "problem.md",
            "Problem lifecycle",
            "The problem's states and commands, generated from `ProblemLifecycle.ToMermaid()` (the configured\n" +
            "Stateless machine). Commands that record data without changing the state (root cause, workaround,\n" +
            "known error, changes, incident links, assignment) appear as self-transitions. Closed and Canceled are terminal.\n" +
            "The rules of each command are in [README.md](README.md#problem-itsmproblems).",
            ProblemLifecycle.ToMermaid());

    [Fact]
    public void Normal_change_diagram_matches_the_configured_machine() =>
        CheckDiagram(
            "change-normal.md",
            "Normal change lifecycle",
            "A normal change's states and commands, generated from `ChangeLifecycle.ToMermaid(ChangeType.Normal)`\n" +
            "(the configured Stateless machine, rejection policy ReturnToNew; under `RejectionPolicy.Cancel`\n" +
            "`Reject` leads to Canceled). Commands that record data without changing the state appear as\n" +
            "self-transitions. Closed and Canceled are terminal. The rules are in\n" +
            "[README.md](README.md#change-itsmchanges).",
            ChangeLifecycle.ToMermaid(ChangeType.Normal));

    [Fact]
    public void Standard_change_diagram_matches_the_configured_machine() =>
        CheckDiagram(
            "change-standard.md",
            "Standard change lifecycle",
            "A standard (pre-authorised) change's states and commands, generated from\n" +
            "`ChangeLifecycle.ToMermaid(ChangeType.Standard)` (the configured Stateless machine). It skips\n" +
            "Assess and Authorize. Closed and Canceled are terminal. The rules are in\n" +
            "[README.md](README.md#change-itsmchanges).",
            ChangeLifecycle.ToMermaid(ChangeType.Standard));

    [Fact]
    public void Emergency_change_diagram_matches_the_configured_machine() =>
        CheckDiagram(
            "change-emergency.md",
            "Emergency change lifecycle",
            "An emergency change's states and commands, generated from `ChangeLifecycle.ToMermaid(ChangeType.Emergency)`\n" +
            "(the configured Stateless machine, rejection policy ReturnToNew). It skips Assess; its risk may\n" +
            "be assessed in New or Authorize. Closed and Canceled are terminal. The rules are in\n" +
            "[README.md](README.md#change-itsmchanges).",
            ChangeLifecycle.ToMermaid(ChangeType.Emergency));

    [Fact]
    public void Improvement_item_diagram_matches_the_configured_machine() =>
        CheckDiagram(
            "improvement-item.md",
            "Improvement item lifecycle",
            "An improvement item's states and commands (the continual improvement register), generated from\n" +
            "`ImprovementItemLifecycle.ToMermaid()` (the configured Stateless machine). `Update` revises the\n" +
            "title, baseline and target while the item is open and appears as a self-transition. Done and\n" +
            "Rejected are terminal. The rules are in [README.md](README.md#improvement-item-itsmimprovement)\n" +
            "and [../improvement.md](../improvement.md).",
            ImprovementItemLifecycle.ToMermaid());

    [Fact]
    public void Knowledge_article_diagram_matches_the_configured_machine() =>
        CheckDiagram(
            "knowledge-article.md",
            "Knowledge article lifecycle",
            "A knowledge article's workflow states and commands, generated from\n" +
            "`KnowledgeArticleLifecycle.ToMermaid()` (the configured Stateless machine). `Update` edits a draft\n" +
            "and appears as a self-transition; `SendBack` returns an article in review to its author;\n" +
            "`Republish` brings a retired article back to review. No state is terminal. Only a Published\n" +
            "article can be cited by incidents and problems. See [../knowledge.md](../knowledge.md).",
            Itsm.Knowledge.KnowledgeArticleLifecycle.ToMermaid());

    internal static void CheckDiagram(string fileName, string title, string intro, string mermaid, string folder = "docs/lifecycles")
    {
        string relative = folder + "/" + fileName;
        string path = Path.Combine(RepositoryRoot(), Path.Combine(folder.Split('/')), fileName);
        string expected = Normalize(mermaid).TrimEnd('\n') + "\n";
        string? existing = File.Exists(path) ? Normalize(File.ReadAllText(path)) : null;
        var block = existing is null ? null : FindBlock(existing);
        bool update = Environment.GetEnvironmentVariable(UpdateVariable) == "1";

        if (existing is not null && block is { } found && existing.Substring(found.Start, found.Length) == expected)
        {
            return;
        }

        if (update)
        {
            string text = existing is not null && block is { } b
                ? existing[..b.Start] + expected + existing[(b.Start + b.Length)..]
                : $"# {title}\n\n{intro}\n\n{Fence}{expected}{FenceEnd}\n";
            File.WriteAllText(path, text);
            return;
        }

        string why = existing is null
            ? $"{relative} does not exist"
            : block is null
                ? $"{relative} has no ```mermaid block"
                : $"{relative} is out of date";
        Assert.Fail(
            $"{why}; run {UpdateVariable}=1 dotnet test -c Release tests/Itsm.Core.Tests --filter \"FullyQualifiedName~DiagramTests\" and commit the file.\n" +
            $"Expected block:\n{expected}");
    }

    // The content between the first "```mermaid" line and the closing fence, as (start, length).
    private static (int Start, int Length)? FindBlock(string text)
    {
        int open = text.StartsWith(Fence, StringComparison.Ordinal) ? 0 : text.IndexOf("\n" + Fence, StringComparison.Ordinal);
        if (open < 0)
        {
            return null;
        }

        int start = open == 0 ? Fence.Length : open + 1 + Fence.Length;
        int close = text.IndexOf("\n" + FenceEnd, start - 1, StringComparison.Ordinal);
        if (close < 0)
        {
            return null;
        }

        int end = close + 1; // keep the content's final newline inside the block
        return (start, end - start);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Itsm.Core.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains Itsm.Core.sln.");
    }
}

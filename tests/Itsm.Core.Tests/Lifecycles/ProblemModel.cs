using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Itsm.Common;
using Itsm.Problems;
using Itsm.Services;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Tests.Lifecycles;

/// <summary>The steps of the problem model test: one per command of <see cref="Problem"/>, plus <see cref="ProblemResolution"/>.</summary>
public static class ProblemSteps
{
    public sealed record Assess(Who Who) : ModelStep
    {
        public override string ToString() => $"Assess({Who})";
    }

    public sealed record StartRootCauseAnalysis(Who Who) : ModelStep
    {
        public override string ToString() => $"StartRootCauseAnalysis({Who})";
    }

    public sealed record RecordRootCause(Who Who, string? RootCause) : ModelStep
    {
        public override string ToString() => $"RecordRootCause({Who}, {Q(RootCause)})";
    }

    public sealed record DocumentWorkaround(Who Who, string? Workaround) : ModelStep
    {
        public override string ToString() => $"DocumentWorkaround({Who}, {Q(Workaround)})";
    }

    /// <summary>Affected items: null, or the listed strings (a blank one is invalid).</summary>
    public sealed record MarkAsKnownError(Who Who, string? Symptom, string[]? Items) : ModelStep
    {
        public override string ToString() => $"MarkAsKnownError({Who}, {Q(Symptom)}, {(Items is null ? "null" : "[" + string.Join(", ", Items.Select(Q)) + "]")})";
    }

    public sealed record StartFix(Who Who) : ModelStep
    {
        public override string ToString() => $"StartFix({Who})";
    }

    public sealed record RaiseChange(Who Who, string? Change) : ModelStep
    {
        public override string ToString() => $"RaiseChange({Who}, {Q(Change)})";
    }

    /// <summary>Incident 0 is the empty id (invalid); 1 to 3 are real ids.</summary>
    public sealed record LinkIncident(Who Who, int Incident) : ModelStep
    {
        public override string ToString() => $"LinkIncident({Who}, #{Incident})";
    }

    public sealed record UnlinkIncident(Who Who, int Incident) : ModelStep
    {
        public override string ToString() => $"UnlinkIncident({Who}, #{Incident})";
    }

    /// <summary>Code 0 and 5 are undefined.</summary>
    public sealed record Resolve(Who Who, int Code, string? Notes) : ModelStep
    {
        public override string ToString() => $"Resolve({Who}, {Code}, {Q(Notes)})";
    }

    /// <summary><see cref="ProblemResolution.ResolveWithIncidents"/> with no incidents: the same contract as Resolve.</summary>
    public sealed record ResolveWithIncidents(Who Who, int Code, string? Notes) : ModelStep
    {
        public override string ToString() => $"ResolveWithIncidents({Who}, {Code}, {Q(Notes)})";
    }

    public sealed record Close(Who Who) : ModelStep
    {
        public override string ToString() => $"Close({Who})";
    }

    public sealed record Cancel(Who Who, string? Reason) : ModelStep
    {
        public override string ToString() => $"Cancel({Who}, {Q(Reason)})";
    }
}

/// <summary>What the model test can observe of a problem (and what the model predicts).</summary>
public sealed record ProblemView(
    ProblemState State,
    string? RootCause,
    string? Workaround,
    string? KnownError,
    string LinkedIncidents,
    string Changes,
    ProblemResolutionCode? ResolutionCode,
    string? ResolutionNotes,
    Instant? ResolvedAt,
    long Version,
    string? AssignmentGroup = null,
    string? AssignedTo = null,
    ServiceFields? Fields = null,
    string KnowledgeArticles = "",
    JournalFields? Journal = null)
{
    public static ProblemView Of(Problem p) => new(
        p.State,
        p.RootCause,
        p.Workaround,
        p.KnownError is { } k ? KnownErrorText(k.ProblemId, k.Symptom, k.RootCause, k.Workaround, k.AffectedItems) : null,
        string.Join(",", p.LinkedIncidents),
        string.Join(",", p.Changes),
        p.ResolutionCode,
        p.ResolutionNotes,
        p.ResolvedAt,
        p.Version,
        p.AssignmentGroup?.Value,
        p.AssignedTo,
        ServiceFieldsOf.Read(p.Service, p.Offering, p.ConfigurationItems, p.Supplier),
        KnowledgeLinksModel.Of(p.KnowledgeArticles),
        JournalFields.Of(p.Journal));

    public static string KnownErrorText(ProblemId id, string symptom, string rootCause, string workaround, IEnumerable<string> items) =>
        $"{id}|{symptom}|{rootCause}|{workaround}|{string.Join(",", items)}";
}

/// <summary>The world a problem model test runs in.</summary>
public sealed class ProblemWorld
{
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 9, 0);

    public FakeClock Clock { get; } = new(Start);

    public TenantId Tenant { get; } = new("acme");

    public ProblemId Id { get; } = new(new Guid("00000000-0000-0000-0000-000000000003"));

    public static IncidentId Incident(int number) => new(number == 0 ? Guid.Empty : new Guid($"00000000-0000-0000-0000-00000000010{number}"));

    public static Actor? Actor(Who who) => who switch
    {
        Who.Nobody => null,
        Who.Caller => new Actor("rita"),
        Who.CallerWithRole => new Actor("rita", "problem_analyst"),
        Who.Agent => new Actor("bob", "itil"),
        Who.Manager => new Actor("carol", "problem_manager"),
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };
}

/// <summary>
/// An independent model of the problem lifecycle, written from docs/lifecycles/README.md: the table
/// of state x command -> next state and each command's rules (root cause for a fix, root cause and
/// workaround for a known error and only once, FixApplied only in FixInProgress, notes, link and
/// change duplicates), in the documented order (arguments, state, rules).
/// </summary>
public sealed class ProblemModel
{
    private readonly ProblemWorld _world;
    private readonly List<int> _linked = [];
    private readonly List<string> _changes = [];
    private (string Symptom, string Items)? _knownError;

    public ProblemModel(ProblemWorld world)
    {
        _world = world;
        View = new ProblemView(ProblemState.New, null, null, null, "", "", null, null, null, 1, Fields: ServiceFields.None, Journal: JournalFields.None);
    }

    public ProblemView View { get; private set; }

    public static bool IsTerminal(ProblemState state) => state is ProblemState.Closed or ProblemState.Canceled;

    /// <summary>The lifecycle table: the state a command leads to, or null when the state does not permit it.</summary>
    public static ProblemState? Next(ProblemState state, ProblemCommand command)
    {
        const ProblemState n = ProblemState.New, a = ProblemState.Assess, r = ProblemState.RootCauseAnalysis, f = ProblemState.FixInProgress, s = ProblemState.Resolved;
        return (state, command) switch
        {
            (n, ProblemCommand.Assess) => a,
            (a, ProblemCommand.StartRootCauseAnalysis) => r,
            (r or f, ProblemCommand.RecordRootCause) => state,
            (a or r or f, ProblemCommand.DocumentWorkaround) => state,
            (r or f, ProblemCommand.MarkAsKnownError) => state,
            (r, ProblemCommand.StartFix) => f,
            (r or f, ProblemCommand.RaiseChange) => state,
            (n or a or r or f or s, ProblemCommand.LinkIncident or ProblemCommand.UnlinkIncident) => state,
            (n or a or r or f or s, ProblemCommand.Assign or ProblemCommand.Unassign
                or ProblemCommand.ChangeService or ProblemCommand.AddConfigurationItem or ProblemCommand.RemoveConfigurationItem) => state,
            (n or a or r or f, ProblemCommand.AssignToSupplier) => state,
            (n or a or r or f or s, ProblemCommand.AddWorkNote or ProblemCommand.AddComment or ProblemCommand.LogTime) => state,
            (n or a or r or f or ProblemState.Resolved, ProblemCommand.LinkKnowledgeArticle) => state,
            (a or r or f, ProblemCommand.Resolve) => s,
            (s, ProblemCommand.Close) => ProblemState.Closed,
            (n or a or r or f, ProblemCommand.Cancel) => ProblemState.Canceled,
            _ => null,
        };
    }

    public bool Permits(ProblemCommand command) => Next(View.State, command) is not null;

    public Expected Apply(ModelStep step, out ExpectedEntry? entry)
    {
        switch (step)
        {
            case ProblemSteps.Assess s:
                return Command(ProblemCommand.Assess, s.Who, Args(s.Who), null, v => v, out entry);

            case ProblemSteps.StartRootCauseAnalysis s:
                return Command(ProblemCommand.StartRootCauseAnalysis, s.Who, Args(s.Who), null, v => v, out entry);

            case ProblemSteps.RecordRootCause s:
                return Command(ProblemCommand.RecordRootCause, s.Who, Args(s.Who).Blank(s.RootCause, "rootCause"), null,
                    v => KnownErrorOf(v with { RootCause = s.RootCause }), out entry);

            case ProblemSteps.DocumentWorkaround s:
                return Command(ProblemCommand.DocumentWorkaround, s.Who, Args(s.Who).Blank(s.Workaround, "workaround"), null,
                    v => KnownErrorOf(v with { Workaround = s.Workaround }), out entry);

            case ProblemSteps.MarkAsKnownError s:
                return Command(ProblemCommand.MarkAsKnownError, s.Who,
                    Args(s.Who).Blank(s.Symptom, "symptom").Null(s.Items, "affectedItems").Check(s.Items is null || s.Items.All(i => !string.IsNullOrWhiteSpace(i)), "affectedItems"),
                    () => _knownError is not null ? "ITSM-PRB-KNOWNERROR-001"
                        : View.RootCause is null ? "ITSM-PRB-KNOWNERROR-002"
                        : View.Workaround is null ? "ITSM-PRB-KNOWNERROR-003"
                        : null,
                    v =>
                    {
                        _knownError = (s.Symptom!, string.Join(",", s.Items!));
                        return KnownErrorOf(v);
                    }, out entry);

            case ProblemSteps.StartFix s:
                return Command(ProblemCommand.StartFix, s.Who, Args(s.Who), () => View.RootCause is null ? "ITSM-PRB-FIX-001" : null, v => v, out entry);

            case ProblemSteps.RaiseChange s:
                return Command(ProblemCommand.RaiseChange, s.Who, Args(s.Who).Blank(s.Change, "changeId"),
                    () => _changes.Contains(s.Change!) ? "ITSM-PRB-CHANGE-001" : null,
                    v =>
                    {
                        _changes.Add(s.Change!);
                        return v with { Changes = string.Join(",", _changes) };
                    }, out entry);

            case ProblemSteps.LinkIncident s:
                return Command(ProblemCommand.LinkIncident, s.Who, Args(s.Who).Check(s.Incident != 0, "incidentId"),
                    () => _linked.Contains(s.Incident) ? "ITSM-PRB-LINK-001" : null,
                    v =>
                    {
                        _linked.Add(s.Incident);
                        return v with { LinkedIncidents = Linked() };
                    }, out entry);

            case ProblemSteps.UnlinkIncident s:
                return Command(ProblemCommand.UnlinkIncident, s.Who, Args(s.Who).Check(s.Incident != 0, "incidentId"),
                    () => _linked.Contains(s.Incident) ? null : "ITSM-PRB-LINK-002",
                    v =>
                    {
                        _linked.Remove(s.Incident);
                        return v with { LinkedIncidents = Linked() };
                    }, out entry);

            case AssignStep s:
                return Command(ProblemCommand.Assign, s.Who, AssignmentModel.Check(Args(s.Who), s),
                    AssignmentModel.AssignRule(s, View.AssignmentGroup, View.AssignedTo, "ITSM-PRB-ASSIGN-001"),
                    v => v with { AssignmentGroup = s.Group, AssignedTo = s.Assignee }, out entry);

            case UnassignStep s:
                return Command(ProblemCommand.Unassign, s.Who, Args(s.Who),
                    AssignmentModel.UnassignRule(View.AssignmentGroup, View.AssignedTo, "ITSM-PRB-ASSIGN-002"),
                    v => v with { AssignmentGroup = null, AssignedTo = null }, out entry);

            case ChangeServiceStep s:
                return Command(ProblemCommand.ChangeService, s.Who, Args(s.Who), () => View.Fields!.ServiceUnchanged(s, "ITSM-PRB"), v => v with { Fields = v.Fields!.After(s) }, out entry);

            case AddConfigurationItemStep s:
                return Command(ProblemCommand.AddConfigurationItem, s.Who, Args(s.Who), () => View.Fields!.NotAddable(s, "ITSM-PRB"), v => v with { Fields = v.Fields!.After(s) }, out entry);

            case RemoveConfigurationItemStep s:
                return Command(ProblemCommand.RemoveConfigurationItem, s.Who, Args(s.Who), () => View.Fields!.NotNamed(s, "ITSM-PRB"), v => v with { Fields = v.Fields!.After(s) }, out entry);

            case LinkKnowledgeArticleStep s:
                return Command(ProblemCommand.LinkKnowledgeArticle, s.Who, Args(s.Who).Check(s.Article != 0, "article"),
                    () => KnowledgeLinksModel.Duplicate(View.KnowledgeArticles, s, "ITSM-PRB"), v => v with { KnowledgeArticles = KnowledgeLinksModel.After(v.KnowledgeArticles, s) }, out entry);

            case AssignToSupplierStep s:
                return Command(ProblemCommand.AssignToSupplier, s.Who, Args(s.Who), () => View.Fields!.SupplierUnchanged(s, "ITSM-PRB"), v => v with { Fields = v.Fields!.After(s) }, out entry);

            case ProblemSteps.Resolve s:
                return Resolve(s.Who, s.Code, s.Notes, out entry);

            case ProblemSteps.ResolveWithIncidents s:
                return Resolve(s.Who, s.Code, s.Notes, out entry);

            case ProblemSteps.Close s:
                return Command(ProblemCommand.Close, s.Who, Args(s.Who), null, v => v, out entry);

            case ProblemSteps.Cancel s:
                return Command(ProblemCommand.Cancel, s.Who, Args(s.Who).Blank(s.Reason, "reason"), null, v => v, out entry);

            case var s when JournalFields.Is(s):
                return Command(Enum.Parse<ProblemCommand>(JournalFields.CommandName(s)), JournalFields.WhoOf(s), JournalFields.Check(s, Args(JournalFields.WhoOf(s))),
                    () => s is LogTimeStep t && View.Journal!.TimeWorked + t.Duration > Itsm.Journal.JournalLimits.MaxTimeWorked ? "ITSM-JOURNAL-001" : null,
                    m => m with { Journal = m.Journal!.After(s) }, out entry);

            default:
                throw new ArgumentException($"Not a command step: {step}", nameof(step));
        }
    }

    private static Arguments Args(Who who) => new Arguments().Null(ProblemWorld.Actor(who), "actor");

    private Expected Resolve(Who who, int code, string? notes, out ExpectedEntry? entry) =>
        Command(ProblemCommand.Resolve, who, Args(who).Range(code, 1, 4, "code"),
            () => string.IsNullOrWhiteSpace(notes) ? "ITSM-PRB-RESOLVE-001"
                : code == 1 && View.State != ProblemState.FixInProgress ? "ITSM-PRB-RESOLVE-002"
                : null,
            v => v with { ResolutionCode = (ProblemResolutionCode)code, ResolutionNotes = notes, ResolvedAt = _world.Clock.GetCurrentInstant() },
            out entry);

    private string Linked() => string.Join(",", _linked.Select(i => ProblemWorld.Incident(i).ToString()));

    private ProblemView KnownErrorOf(ProblemView view) => _knownError is { } k
        ? view with { KnownError = ProblemView.KnownErrorText(_world.Id, k.Symptom, view.RootCause!, view.Workaround!, k.Items.Length == 0 ? [] : k.Items.Split(',')) }
        : view;

    private Expected Command(ProblemCommand command, Who who, Arguments arguments, Func<string?>? rule, Func<ProblemView, ProblemView> change, out ExpectedEntry? entry)
    {
        entry = null;
        if (arguments.Result is { } bad)
        {
            return bad;
        }

        var from = View.State;
        if (Next(from, command) is not { } to)
        {
            var permitted = Enum.GetValues<ProblemCommand>().Where(c => Next(from, c) is not null).Select(c => c.ToString()).ToArray();
            return new Expected.Refused(Problem.RecordType, from.ToString(), command.ToString(), permitted);
        }

        if (rule?.Invoke() is { } code)
        {
            return new Expected.RuleBroken(code);
        }

        View = change(View with { State = to, Version = View.Version + 1 });
        entry = new ExpectedEntry(
            _world.Tenant, Problem.RecordType, _world.Id.ToString(), View.Version, _world.Clock.GetCurrentInstant(),
            ProblemWorld.Actor(who)!, command.ToString(), from.ToString(), to.ToString());
        return new Expected.Accepted(to.ToString());
    }
}

/// <summary>A new problem and 20 to 60 random commands (most of them refused).</summary>
public sealed record ProblemScenario(ModelStep[] Steps)
{
    public override string ToString()
    {
        var text = new StringBuilder().AppendLine("Problem.Open(...)");
        foreach (var step in Steps)
        {
            text.Append("  ").Append(step).AppendLine();
        }

        return text.ToString();
    }
}

/// <summary>FsCheck 3 arbitraries for the problem model test.</summary>
public static class ProblemArbitraries
{
    private static readonly Gen<string[]?> Items = Gen.Elements<string[]?>(null, [], ["email"], ["email", "ci:relay-01"], ["email", " "]);

    private static readonly Gen<string?> Change = Gen.Elements<string?>(null, " ", "CHG0001", "CHG0002");

    private static readonly Gen<int> IncidentNumber = Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 3)));

    private static readonly Gen<int> Code = Gen.Frequency((1, Gen.Elements(0, 5)), (6, Gen.Choose(1, 4)));

    public static Gen<ModelStep> Step { get; } = Gen.Frequency(
        (3, from w in ModelGens.Who select (ModelStep)new ProblemSteps.Assess(w)),
        (3, from w in ModelGens.Who select (ModelStep)new ProblemSteps.StartRootCauseAnalysis(w)),
        (3, from w in ModelGens.Who from t in ModelGens.Text select (ModelStep)new ProblemSteps.RecordRootCause(w, t)),
        (3, from w in ModelGens.Who from t in ModelGens.Text select (ModelStep)new ProblemSteps.DocumentWorkaround(w, t)),
        (3, from w in ModelGens.Who from t in ModelGens.Text from i in Items select (ModelStep)new ProblemSteps.MarkAsKnownError(w, t, i)),
        (3, from w in ModelGens.Who select (ModelStep)new ProblemSteps.StartFix(w)),
        (2, from w in ModelGens.Who from c in Change select (ModelStep)new ProblemSteps.RaiseChange(w, c)),
        (3, from w in ModelGens.Who from i in IncidentNumber select (ModelStep)new ProblemSteps.LinkIncident(w, i)),
        (3, from w in ModelGens.Who from i in IncidentNumber select (ModelStep)new ProblemSteps.UnlinkIncident(w, i)),
        (2, from w in ModelGens.Who from c in Code from n in ModelGens.Text select (ModelStep)new ProblemSteps.Resolve(w, c, n)),
        (1, from w in ModelGens.Who from c in Code from n in ModelGens.Text select (ModelStep)new ProblemSteps.ResolveWithIncidents(w, c, n)),
        (2, from w in ModelGens.Who select (ModelStep)new ProblemSteps.Close(w)),
        (1, from w in ModelGens.Who from r in ModelGens.Text select (ModelStep)new ProblemSteps.Cancel(w, r)),
        (3, AssignmentModel.Step),
        (3, ServiceFields.Step),
        (2, JournalFields.Step),
        (1, KnowledgeLinksModel.Step),
        (1, ModelGens.AdvanceClock),
        (1, ModelGens.AcceptAuditEntries));

    public static Gen<ProblemScenario> ScenarioGen { get; } =
        from steps in ModelGens.Steps(Step)
        select new ProblemScenario(steps);

    public static Arbitrary<ProblemScenario> Scenarios() =>
        Arb.From(ScenarioGen, s => StepShrinker.Shrink(s.Steps).Select(steps => new ProblemScenario(steps)));
}

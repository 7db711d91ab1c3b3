using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Problems;
using Itsm.Services;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Tests.Problems;

/// <summary>Actors, a fake clock and problems in each state.</summary>
internal static class ProblemFixtures
{
    public const string RootCauseText = "The mail relay's certificate store fills up after 30 days.";

    public const string WorkaroundText = "Restart the mail relay service.";

    public const string Notes = "Certificate store purged nightly.";

    public static TenantId Tenant { get; } = new("acme");

    public static Actor Analyst { get; } = new("analyst.king", "problem_analyst");

    public static Actor Manager { get; } = new("manager.brown", "problem_manager");

    /// <summary>The group every problem from <see cref="Ready"/> is assigned to (with <see cref="Analyst"/>).</summary>
    public const string ReadyGroup = "Problem management";

    /// <summary>An incident linked to every problem from <see cref="Ready"/>.</summary>
    public static IncidentId LinkedIncident { get; } = new(new Guid("11111111-1111-1111-1111-111111111111"));

    public static Instant Monday0900 { get; } = Instant.FromUtc(2026, 11, 30, 9, 0);

    public static IReadOnlyList<ProblemState> AllStates { get; } = Enum.GetValues<ProblemState>();

    /// <summary>The knowledge article <see cref="ProblemCommand.LinkKnowledgeArticle"/> cites.</summary>
    public static Itsm.Knowledge.KnowledgeArticleId Article { get; } = new(new Guid("55555555-5555-5555-5555-555555555555"));

    public static IReadOnlyList<ProblemCommand> AllCommands { get; } = Enum.GetValues<ProblemCommand>();

    /// <summary>The commands each state permits, as docs/lifecycles/README.md lists them (declaration order).</summary>
    // The journal commands, permitted in every state but Closed and Canceled (docs/journal.md).
    private static readonly ProblemCommand[] Journal = [ProblemCommand.AddWorkNote, ProblemCommand.AddComment, ProblemCommand.LogTime];

    public static IReadOnlyDictionary<ProblemState, ProblemCommand[]> Permitted { get; } = new Dictionary<ProblemState, ProblemCommand[]>
    {
        [ProblemState.New] = [ProblemCommand.Assess, ProblemCommand.LinkIncident, ProblemCommand.UnlinkIncident, ProblemCommand.Cancel, ProblemCommand.Assign, ProblemCommand.Unassign, ProblemCommand.ChangeService, ProblemCommand.AddConfigurationItem, ProblemCommand.RemoveConfigurationItem, ProblemCommand.AssignToSupplier, ProblemCommand.LinkKnowledgeArticle, .. Journal],
        [ProblemState.Assess] = [ProblemCommand.StartRootCauseAnalysis, ProblemCommand.DocumentWorkaround, ProblemCommand.LinkIncident, ProblemCommand.UnlinkIncident, ProblemCommand.Resolve, ProblemCommand.Cancel, ProblemCommand.Assign, ProblemCommand.Unassign, ProblemCommand.ChangeService, ProblemCommand.AddConfigurationItem, ProblemCommand.RemoveConfigurationItem, ProblemCommand.AssignToSupplier, ProblemCommand.LinkKnowledgeArticle, .. Journal],
        [ProblemState.RootCauseAnalysis] =
        [
            ProblemCommand.RecordRootCause, ProblemCommand.DocumentWorkaround, ProblemCommand.MarkAsKnownError, ProblemCommand.StartFix,
            ProblemCommand.RaiseChange, ProblemCommand.LinkIncident, ProblemCommand.UnlinkIncident, ProblemCommand.Resolve, ProblemCommand.Cancel,
            ProblemCommand.Assign, ProblemCommand.Unassign, ProblemCommand.ChangeService, ProblemCommand.AddConfigurationItem, ProblemCommand.RemoveConfigurationItem, ProblemCommand.AssignToSupplier, ProblemCommand.LinkKnowledgeArticle, .. Journal,
        ],
        [ProblemState.FixInProgress] =
        [
            ProblemCommand.RecordRootCause, ProblemCommand.DocumentWorkaround, ProblemCommand.MarkAsKnownError,
            ProblemCommand.RaiseChange, ProblemCommand.LinkIncident, ProblemCommand.UnlinkIncident, ProblemCommand.Resolve, ProblemCommand.Cancel,
            ProblemCommand.Assign, ProblemCommand.Unassign, ProblemCommand.ChangeService, ProblemCommand.AddConfigurationItem, ProblemCommand.RemoveConfigurationItem, ProblemCommand.AssignToSupplier, ProblemCommand.LinkKnowledgeArticle, .. Journal,
        ],
        [ProblemState.Resolved] = [ProblemCommand.LinkIncident, ProblemCommand.UnlinkIncident, ProblemCommand.Close, ProblemCommand.Assign, ProblemCommand.Unassign, ProblemCommand.ChangeService, ProblemCommand.AddConfigurationItem, ProblemCommand.RemoveConfigurationItem, ProblemCommand.LinkKnowledgeArticle, .. Journal],
        [ProblemState.Closed] = [],
        [ProblemState.Canceled] = [],
    };

    /// <summary>Where each permitted command leads from each state.</summary>
    public static ProblemState Target(ProblemState from, ProblemCommand command) => command switch
    {
        ProblemCommand.Assess => ProblemState.Assess,
        ProblemCommand.StartRootCauseAnalysis => ProblemState.RootCauseAnalysis,
        ProblemCommand.StartFix => ProblemState.FixInProgress,
        ProblemCommand.Resolve => ProblemState.Resolved,
        ProblemCommand.Close => ProblemState.Closed,
        ProblemCommand.Cancel => ProblemState.Canceled,
        _ => from,
    };

    public static FakeClock NewClock() => new(Monday0900);

    public static Problem Open(FakeClock clock, TenantId? tenant = null, ProblemId? id = null) =>
        Problem.Open(tenant ?? Tenant, id ?? ProblemId.New(), Analyst, "E-mail stops every 30 days", clock, new ServiceId("email"), configurationItems: [new ConfigurationItemId("mx01")]);

    /// <summary>
    /// A problem brought to <paramref name="state"/> by the usual commands, five minutes apart,
    /// without a root cause, workaround or link (FixInProgress needs the root cause, so it has one).
    /// </summary>
    public static Problem InState(ProblemState state, FakeClock clock, TenantId? tenant = null, ProblemId? id = null) =>
        Bring(Open(clock, tenant, id), state, clock, ready: false);

    /// <summary>
    /// A problem brought to <paramref name="state"/> with, where its states allowed it, a root cause,
    /// a workaround, <see cref="LinkedIncident"/> linked and an assignment (<see cref="ReadyGroup"/>,
    /// <see cref="Analyst"/>), so every permitted command's rules hold.
    /// </summary>
    public static Problem Ready(ProblemState state, FakeClock clock) => Bring(Open(clock), state, clock, ready: true);

    /// <summary>Issues <paramref name="command"/> with valid arguments.</summary>
    public static void Issue(Problem problem, ProblemCommand command)
    {
        switch (command)
        {
            case ProblemCommand.Assess: problem.Assess(Analyst); break;
            case ProblemCommand.StartRootCauseAnalysis: problem.StartRootCauseAnalysis(Analyst); break;
            case ProblemCommand.RecordRootCause: problem.RecordRootCause(Analyst, RootCauseText); break;
            case ProblemCommand.DocumentWorkaround: problem.DocumentWorkaround(Analyst, WorkaroundText); break;
            case ProblemCommand.MarkAsKnownError: problem.MarkAsKnownError(Analyst, "Outgoing mail queues up.", ["email", "ci:mail-relay-01"]); break;
            case ProblemCommand.StartFix: problem.StartFix(Analyst); break;
            case ProblemCommand.RaiseChange: problem.RaiseChange(Analyst, "CHG0042"); break;
            case ProblemCommand.LinkIncident: problem.LinkIncident(Analyst, new IncidentId(new Guid("22222222-2222-2222-2222-222222222222"))); break;
            case ProblemCommand.UnlinkIncident: problem.UnlinkIncident(Analyst, LinkedIncident); break;
            case ProblemCommand.Resolve:
                problem.Resolve(Manager, problem.State == ProblemState.FixInProgress ? ProblemResolutionCode.FixApplied : ProblemResolutionCode.RiskAccepted, Notes);
                break;
            case ProblemCommand.Close: problem.Close(Manager); break;
            case ProblemCommand.Cancel: problem.Cancel(Manager, "Not a problem."); break;
            case ProblemCommand.Assign: problem.Assign(Analyst, new SupportGroupId("Messaging"), Analyst.Id); break;
            case ProblemCommand.Unassign: problem.Unassign(Analyst); break;
            case ProblemCommand.ChangeService: problem.ChangeService(Analyst, new ServiceId("web")); break;
            case ProblemCommand.AddConfigurationItem: problem.AddConfigurationItem(Analyst, new ConfigurationItemId("mx02")); break;
            case ProblemCommand.RemoveConfigurationItem: problem.RemoveConfigurationItem(Analyst, new ConfigurationItemId("mx01")); break;
            case ProblemCommand.AssignToSupplier: problem.AssignToSupplier(Analyst, new SupplierId("acme-mail")); break;
            case ProblemCommand.AddWorkNote: problem.AddWorkNote(Analyst, "Checked the relay logs."); break;
            case ProblemCommand.AddComment: problem.AddComment(Analyst, "We are on it."); break;
            case ProblemCommand.LogTime: problem.LogTime(Analyst, NodaTime.Duration.FromMinutes(30)); break;
            case ProblemCommand.LinkKnowledgeArticle: problem.LinkKnowledgeArticle(Analyst, Article); break;
            case ProblemCommand.TransitionWorkflow: problem.TransitionWorkflow(Analyst, "escalate"); break;
            default: throw new ArgumentOutOfRangeException(nameof(command));
        }
    }

    /// <summary>Captures the problem for <see cref="RecordProbe.AssertAccepted"/> and <see cref="RecordProbe.AssertUnchanged"/>.</summary>
    public static RecordProbe Probe(this Problem problem) => RecordProbe.Of(
        Problem.RecordType,
        problem.Id.ToString(),
        problem.Tenant,
        () => problem.State.ToString(),
        () => problem.Version,
        () => problem.UncommittedAuditEntries,
        () => ProblemData.Of(problem));

    private static Problem Bring(Problem problem, ProblemState state, FakeClock clock, bool ready)
    {
        void Step(Action<Problem> command)
        {
            clock.Advance(Duration.FromMinutes(5));
            command(problem);
        }

        if (ready && state is not (ProblemState.Closed or ProblemState.Canceled))
        {
            Step(p => p.LinkIncident(Analyst, LinkedIncident));
            Step(p => p.Assign(Analyst, new SupportGroupId(ReadyGroup), Analyst.Id));
        }

        if (state != ProblemState.New)
        {
            Step(p => p.Assess(Analyst));
        }

        if (state is ProblemState.Assess && ready)
        {
            Step(p => p.DocumentWorkaround(Analyst, WorkaroundText));
        }

        if (state is ProblemState.RootCauseAnalysis or ProblemState.FixInProgress or ProblemState.Resolved or ProblemState.Closed)
        {
            Step(p => p.StartRootCauseAnalysis(Analyst));
            if (ready || state != ProblemState.RootCauseAnalysis)
            {
                Step(p => p.RecordRootCause(Analyst, RootCauseText));
            }

            if (ready)
            {
                Step(p => p.DocumentWorkaround(Analyst, WorkaroundText));
            }
        }

        if (state is ProblemState.FixInProgress or ProblemState.Resolved or ProblemState.Closed)
        {
            Step(p => p.StartFix(Analyst));
        }

        if (state is ProblemState.Resolved or ProblemState.Closed)
        {
            Step(p => p.Resolve(Manager, ProblemResolutionCode.FixApplied, Notes));
        }

        if (state is ProblemState.Closed)
        {
            Step(p => p.Close(Manager));
        }

        if (state is ProblemState.Canceled)
        {
            Step(p => p.Cancel(Manager, "Logged twice."));
        }

        Assert.Equal(state, problem.State);
        clock.Advance(Duration.FromMinutes(5));
        return problem;
    }

    /// <summary>Everything a problem holds besides its state, version and audit entries.</summary>
    private sealed record ProblemData(
        string? AssignmentGroup,
        string? AssignedTo,
        string? RootCause,
        string? Workaround,
        KnownError? KnownError,
        string KnownErrorItems,
        string LinkedIncidents,
        string Changes,
        ProblemResolutionCode? ResolutionCode,
        string? ResolutionNotes,
        Instant OpenedAt,
        Instant? ResolvedAt)
    {
        public static ProblemData Of(Problem p) => new(
            p.AssignmentGroup?.Value, p.AssignedTo, p.RootCause, p.Workaround, p.KnownError, string.Join(",", p.KnownError?.AffectedItems ?? []),
            string.Join(",", p.LinkedIncidents), string.Join(",", p.Changes), p.ResolutionCode, p.ResolutionNotes, p.OpenedAt, p.ResolvedAt);
    }
}

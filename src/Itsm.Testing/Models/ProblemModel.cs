using System.Collections.Generic;
using Itsm.Common;
using Itsm.Problems;
using Itsm.Services;
using NodaTime;

namespace Itsm.Testing.Models;

/// <summary>
/// The problem lifecycle (docs/lifecycles): the table, a fix and a known error need a recorded root
/// cause (a known error also a workaround, and only once), FixApplied only while the fix is in progress,
/// no duplicate incident or change links, and assignments that change something.
/// </summary>
internal sealed record ProblemModel : LifecycleModel<Problem, ProblemState, ProblemCommand, ProblemModel>
{
    public bool HasRootCause { get; init; }

    public bool HasWorkaround { get; init; }

    public bool IsKnownError { get; init; }

    public IReadOnlyList<IncidentId> Incidents { get; init; } = [];

    public IReadOnlyList<string> Changes { get; init; } = [];

    public Assignment Assigned { get; init; }

    public TicketFields Fields { get; init; }

    public static ProblemModel Opened(OpenProblem open) => new()
    {
        Current = ProblemState.New,
        Fields = TicketFields.Opened(open.Service, open.Offering, open.ConfigurationItems),
    };

    public override Prediction<Problem> Predict(RecordCommand<Problem> command, Actor actor, Instant at) => command switch
    {
        AssessProblem => Command(ProblemCommand.Assess, null),
        StartProblemRootCauseAnalysis => Command(ProblemCommand.StartRootCauseAnalysis, null),
        RecordProblemRootCause => Command(ProblemCommand.RecordRootCause, null, m => m with { HasRootCause = true }),
        DocumentProblemWorkaround => Command(ProblemCommand.DocumentWorkaround, null, m => m with { HasWorkaround = true }),
        MarkProblemAsKnownError => Command(
            ProblemCommand.MarkAsKnownError,
            () => IsKnownError ? "ITSM-PRB-KNOWNERROR-001" : !HasRootCause ? "ITSM-PRB-KNOWNERROR-002" : !HasWorkaround ? "ITSM-PRB-KNOWNERROR-003" : null,
            m => m with { IsKnownError = true }),
        StartProblemFix => Command(ProblemCommand.StartFix, () => HasRootCause ? null : "ITSM-PRB-FIX-001"),
        RaiseProblemChange c => Command(
            ProblemCommand.RaiseChange,
            () => Contains(Changes, c.ChangeId) ? "ITSM-PRB-CHANGE-001" : null,
            m => m with { Changes = With(Changes, c.ChangeId) }),
        LinkProblemIncident c => Command(
            ProblemCommand.LinkIncident,
            () => Contains(Incidents, c.IncidentId) ? "ITSM-PRB-LINK-001" : null,
            m => m with { Incidents = With(Incidents, c.IncidentId) }),
        UnlinkProblemIncident c => Command(
            ProblemCommand.UnlinkIncident,
            () => Contains(Incidents, c.IncidentId) ? null : "ITSM-PRB-LINK-002",
            m => m with { Incidents = Without(Incidents, c.IncidentId) }),
        AssignProblem c => Command(ProblemCommand.Assign, () => Assigned.Unchanged(c.Group?.Value, c.Assignee, "ITSM-PRB-ASSIGN-001"), m => m with { Assigned = new(c.Group?.Value, c.Assignee) }),
        UnassignProblem => Command(ProblemCommand.Unassign, () => Assigned.Nothing("ITSM-PRB-ASSIGN-002"), m => m with { Assigned = default }),
        ResolveProblem c => Command(
            ProblemCommand.Resolve,
            () => c.Code == ProblemResolutionCode.FixApplied && Current != ProblemState.FixInProgress ? "ITSM-PRB-RESOLVE-002" : null),
        CloseProblem => Command(ProblemCommand.Close, null),
        CancelProblem => Command(ProblemCommand.Cancel, null),
        ChangeProblemService c => Command(
            ProblemCommand.ChangeService, () => Fields.ServiceUnchanged(c.Service, c.Offering, Prefix), m => m with { Fields = Fields with { Service = c.Service, Offering = c.Offering } }),
        AddProblemConfigurationItem c => Command(
            ProblemCommand.AddConfigurationItem, () => Fields.NotAddable(c.ConfigurationItem, Prefix), m => m with { Fields = Fields with { Items = Fields.Items.Add(c.ConfigurationItem) } }),
        RemoveProblemConfigurationItem c => Command(
            ProblemCommand.RemoveConfigurationItem, () => Fields.NotNamed(c.ConfigurationItem, Prefix), m => m with { Fields = Fields with { Items = Fields.Items.Remove(c.ConfigurationItem) } }),
        AssignProblemToSupplier c => Command(
            ProblemCommand.AssignToSupplier, () => Fields.SupplierUnchanged(c.Supplier, Prefix), m => m with { Fields = Fields with { Supplier = c.Supplier } }),
        // The journal: the state is unchanged; the total-time bound is far beyond any generated history.
        AddProblemWorkNote => Command(ProblemCommand.AddWorkNote, null),
        AddProblemComment => Command(ProblemCommand.AddComment, null),
        LogProblemTime => Command(ProblemCommand.LogTime, null),
        // The engine checks a cited article before the command runs (as it checks service-model ids), whatever
        // the problem's state; the generated ids name no article, so it refuses them all.
        LinkProblemKnowledgeArticle => Prediction<Problem>.RefusedByEngine("ITSM-KB-LINK-002"),
        // The library table has no named transitions: without a workflow the state refuses them (WorkflowCheck judges them under one).
        TransitionProblemWorkflow => Command(ProblemCommand.TransitionWorkflow, null),
        _ => Unknown(command),
    };

    protected override ProblemState? Next(ProblemState state, ProblemCommand kind)
    {
        const ProblemState n = ProblemState.New, a = ProblemState.Assess, r = ProblemState.RootCauseAnalysis, f = ProblemState.FixInProgress, s = ProblemState.Resolved;
        return (state, kind) switch
        {
            (n, ProblemCommand.Assess) => a,
            (a, ProblemCommand.StartRootCauseAnalysis) => r,
            (r or f, ProblemCommand.RecordRootCause or ProblemCommand.MarkAsKnownError or ProblemCommand.RaiseChange) => state,
            (a or r or f, ProblemCommand.DocumentWorkaround) => state,
            (r, ProblemCommand.StartFix) => f,
            (n or a or r or f or s, ProblemCommand.LinkIncident or ProblemCommand.UnlinkIncident or ProblemCommand.Assign or ProblemCommand.Unassign
                or ProblemCommand.ChangeService or ProblemCommand.AddConfigurationItem or ProblemCommand.RemoveConfigurationItem
                or ProblemCommand.LinkKnowledgeArticle) => state,
            (n or a or r or f, ProblemCommand.AssignToSupplier) => state,
            (a or r or f, ProblemCommand.Resolve) => s,
            (s, ProblemCommand.Close) => ProblemState.Closed,
            (n or a or r or f, ProblemCommand.Cancel) => ProblemState.Canceled,
            (n or a or r or f or s, ProblemCommand.AddWorkNote or ProblemCommand.AddComment or ProblemCommand.LogTime) => state,
            _ => null,
        };
    }

    private const string Prefix = "ITSM-PRB";
}

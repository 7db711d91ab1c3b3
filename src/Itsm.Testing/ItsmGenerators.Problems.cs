using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using Itsm.Common;
using Itsm.Improvement;
using Itsm.Problems;
using Itsm.Services;
using Itsm.Testing.Models;

namespace Itsm.Testing;

// Record histories for the lifecycle runner: problems (with known errors) and improvement items.
public static partial class ItsmGenerators
{
    private static readonly IncidentId[] LinkableIncidents =
    [
        new(new System.Guid("00000000-0000-0000-0000-0000000001a1")),
        new(new System.Guid("00000000-0000-0000-0000-0000000001a2")),
        new(new System.Guid("00000000-0000-0000-0000-0000000001a3")),
    ];

    /// <summary>
    /// Problem commands with valid arguments, every kind of them: assess, root-cause analysis, root cause,
    /// workaround, known error, fix, raised change, incident links (three incident ids, so links repeat and
    /// unlinks miss), assignment, resolution (every code), close and cancel, and knowledge citations (of two
    /// article ids no generated engine holds, so the engine refuses them by its rule).
    /// </summary>
    public static Gen<RecordCommand<Problem>> ProblemCommands =>
        Gen.OneOf(
            Gen.Constant<RecordCommand<Problem>>(new AssessProblem()),
            Gen.Constant<RecordCommand<Problem>>(new StartProblemRootCauseAnalysis()),
            Gen.Elements("A memory leak in the mail relay", "An expired certificate").Select(t => (RecordCommand<Problem>)new RecordProblemRootCause(t)),
            Gen.Elements("Restart the relay nightly", "Use webmail").Select(t => (RecordCommand<Problem>)new DocumentProblemWorkaround(t)),
            from items in Gen.Elements(new[] { "mail-relay" }, ["mail-relay", "mx-2"], []) select (RecordCommand<Problem>)new MarkProblemAsKnownError("Mail stalls after a day", items),
            Gen.Constant<RecordCommand<Problem>>(new StartProblemFix()),
            Gen.Elements("CHG-1001", "CHG-1002").Select(c => (RecordCommand<Problem>)new RaiseProblemChange(c)),
            Gen.Elements(LinkableIncidents).Select(i => (RecordCommand<Problem>)new LinkProblemIncident(i)),
            Gen.Elements(LinkableIncidents).Select(i => (RecordCommand<Problem>)new UnlinkProblemIncident(i)),
            Assignments.Select(a => (RecordCommand<Problem>)new AssignProblem(a.Group is null ? null : new SupportGroupId(a.Group), a.Assignee)),
            Gen.Constant<RecordCommand<Problem>>(new UnassignProblem()),
            from code in Gen.Elements(System.Enum.GetValues<ProblemResolutionCode>()) select (RecordCommand<Problem>)new ResolveProblem(code, "Resolved by the generated history"),
            Gen.Constant<RecordCommand<Problem>>(new CloseProblem()),
            Gen.Constant<RecordCommand<Problem>>(new CancelProblem("Duplicate of another problem")),
            Gen.Elements("00000000-0000-0000-0000-0000000000b1", "00000000-0000-0000-0000-0000000000b2")
                .Select(g => (RecordCommand<Problem>)new LinkProblemKnowledgeArticle(new Itsm.Knowledge.KnowledgeArticleId(System.Guid.Parse(g)))),
            TicketFieldCommands<Problem>(
                (s, o) => new ChangeProblemService(s, o),
                i => new AddProblemConfigurationItem(i),
                i => new RemoveProblemConfigurationItem(i),
                s => new AssignProblemToSupplier(s)),
            JournalCommands<Problem>(t => new AddProblemWorkNote(t), t => new AddProblemComment(t), (d, n) => new LogProblemTime(d, n)));

    /// <summary>
    /// Problem histories for <see cref="LifecycleRunner"/>: an <see cref="OpenProblem"/> (with or without a
    /// service), then 0-30 <see cref="ProblemCommands"/> steered so that every state is reached, most
    /// commands accepted and the rest refused by the state or a rule.
    /// </summary>
    public static Gen<LifecycleScenario<Problem, ProblemId>> ProblemScenarios =>
        from service in Gen.Elements<ServiceId?>(null, new ServiceId("Email"))
        from scenario in Scenarios(
            NonEmptyGuids.Select(g => new ProblemId(g)),
            Gen.Constant<CreateCommand<Problem>>(new OpenProblem("Mail relay stalls", service)
            {
                ConfigurationItems = service is null ? null : [new ConfigurationItemId("mail-relay")],
            }),
            Steps(ProblemCommands),
            (create, _) => ProblemModel.Opened((OpenProblem)create))
        select scenario;

    /// <summary>Problems in any reachable state, known errors among them (<see cref="ProblemScenarios"/> run through an <see cref="ItsmTestEngine"/>).</summary>
    public static Gen<Problem> Problems => ProblemScenarios.Select(s => RunToRecord(s, e => e.Problems));

    /// <summary>
    /// Improvement item commands with valid arguments: updates (some of them with a target that does not
    /// improve on the baseline, which the item refuses), approval, rejection, start and completion.
    /// </summary>
    public static Gen<RecordCommand<ImprovementItem>> ImprovementItemCommands =>
        Gen.OneOf(
            from title in Gen.Elements("Cut MTTR for mail", "Automate password resets")
            from baseline in Gen.Choose(10, 20)
            from target in Gen.Choose(5, 25)
            select (RecordCommand<ImprovementItem>)new UpdateImprovementItem(title, baseline, target),
            Gen.Constant<RecordCommand<ImprovementItem>>(new ApproveImprovementItem()),
            Gen.Constant<RecordCommand<ImprovementItem>>(new RejectImprovementItem("Not this quarter")),
            Gen.Constant<RecordCommand<ImprovementItem>>(new StartImprovementItem()),
            Gen.Choose(0, 30).Select(m => (RecordCommand<ImprovementItem>)new CompleteImprovementItem(m)));

    /// <summary>
    /// Improvement item histories: a <see cref="ProposeImprovementItem"/> for a KPI where lower or higher is
    /// better (baseline 15, a target that improves on it), citing any set of guiding principles, then 0-12
    /// <see cref="ImprovementItemCommands"/>.
    /// </summary>
    public static Gen<LifecycleScenario<ImprovementItem, ImprovementItemId>> ImprovementItemScenarios =>
        from direction in Gen.Elements(KpiDirection.LowerIsBetter, KpiDirection.HigherIsBetter)
        from cited in Gen.Choose(0, 127)
        from scenario in Scenarios(
            NonEmptyGuids.Select(g => new ImprovementItemId(g)),
            Gen.Constant<CreateCommand<ImprovementItem>>(new ProposeImprovementItem(
                "Cut MTTR for mail", "mttr", direction, 15m, direction == KpiDirection.LowerIsBetter ? 10m : 20m)
            {
                // Each bit of the mask cites one of the seven principles.
                Principles = System.Enum.GetValues<Itsm.Governance.GuidingPrinciple>().Where(p => (cited & (1 << ((int)p - 1))) != 0).ToArray(),
            }),
            Steps(ImprovementItemCommands),
            (create, actor) => ImprovementItemModel.Proposed((ProposeImprovementItem)create, actor),
            maxSteps: 12)
        select scenario;

    /// <summary>Improvement items in any reachable state (<see cref="ImprovementItemScenarios"/> run through an <see cref="ItsmTestEngine"/>).</summary>
    public static Gen<ImprovementItem> ImprovementItems => ImprovementItemScenarios.Select(s => RunToRecord(s, e => e.ImprovementItems));

    /// <summary>Assignments: a group, a person, or both (never neither).</summary>
    private static Gen<(string? Group, string? Assignee)> Assignments =>
        Gen.Elements<(string?, string?)>(("Messaging", null), ("Network", null), ("Messaging", "agent-1"), (null, "agent-2"));
}

using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Services;
using Itsm.Workflows;
using NodaTime;

namespace Itsm.Benchmarks;

/// <summary>
/// Issue 21's cost claim: a command on an incident under a configured workflow beside the same command on the
/// built-in lifecycle (the baseline of each category): a command that keeps the state, a pair that changes the
/// library state (and so the custom state), a pair of named transitions, <see cref="Incident.PermittedCommands"/>,
/// and loading the incident's state through its codec.
/// </summary>
/// <remarks>
/// The workflow is the worked example of docs/workflows.md, compiled from the tests' definition (Triage in New; Investigating and Awaiting Change in
/// InProgress, Resolve blocked in Awaiting Change). Every incident is opened, assigned and accepted, so it is in
/// InProgress (Investigating); as in <see cref="IncidentCommandBenchmarks"/>, a new loaded incident replaces each
/// one every <see cref="IncidentCommandBenchmarks.CommandsPerIncident"/> commands so that nothing grows.
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class WorkflowBenchmarks
{
    private static readonly TenantId Tenant = new("acme");
    private static readonly IncidentId Id = new(new Guid("5f0c8a9e-3c1b-4c57-9a55-0d4d1b6f2a10"));
    private static readonly Actor Agent = new("bob", "itil");
    private static readonly IClock Clock = new IncidentCommandBenchmarks.FixedClock(Instant.FromUtc(2026, 3, 10, 14, 30));

    private readonly Workflow<IncidentState, IncidentCommand> _workflow = Itsm.Core.Tests.Workflows.IncidentWorkflowExample.Build();
    private readonly Slot _builtInUpdate = new();
    private readonly Slot _workflowUpdate = new();
    private readonly Slot _builtInMove = new();
    private readonly Slot _workflowMove = new();
    private readonly Slot _named = new();
    private IncidentCodec _builtInCodec = null!;
    private IncidentCodec _workflowCodec = null!;
    private Incident _builtIn = null!;
    private Incident _underWorkflow = null!;
    private string _builtInJson = null!;
    private string _workflowJson = null!;
    private bool _high;

    /// <summary>Loads the incidents and stores their state; checks that the workflow incident runs the workflow.</summary>
    /// <exception cref="InvalidOperationException">The incident under the workflow is not in Investigating.</exception>
    [GlobalSetup]
    public void Setup()
    {
        _builtInCodec = new IncidentCodec(IncidentOptions.Default);
        _workflowCodec = new IncidentCodec(_ => IncidentOptions.Default, WorkflowCatalog.Empty.With(_workflow));
        _builtIn = Loaded(null);
        _underWorkflow = Loaded(_workflow);
        _builtInJson = _builtInCodec.Serialize(_builtIn);
        _workflowJson = _workflowCodec.Serialize(_underWorkflow);
        if (Workflow_Load().WorkflowState != "Investigating" || BuiltIn_Load().WorkflowState is not null)
        {
            throw new InvalidOperationException("The loaded incidents do not run what they should.");
        }
    }

    /// <summary>Baseline: <see cref="Incident.ChangeImpactOrUrgency"/> on the built-in lifecycle (the state is kept).</summary>
    /// <returns>The priority after the command.</returns>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Command keeping the state")]
    public Priority BuiltIn_ChangeImpactOrUrgency() => ChangeImpact(_builtInUpdate.Next(null));

    /// <summary><see cref="Incident.ChangeImpactOrUrgency"/> under the workflow (the custom state is kept).</summary>
    /// <returns>The priority after the command.</returns>
    [Benchmark]
    [BenchmarkCategory("Command keeping the state")]
    public Priority Workflow_ChangeImpactOrUrgency() => ChangeImpact(_workflowUpdate.Next(_workflow));

    /// <summary>Baseline: <see cref="Incident.PutOnHold"/> then <see cref="Incident.Resume"/> on the built-in lifecycle, per command.</summary>
    /// <returns>The state after the pair.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = 2)]
    [BenchmarkCategory("Command changing the state")]
    public IncidentState BuiltIn_PutOnHoldOrResume() => HoldAndResume(_builtInMove.Next(null, 2));

    /// <summary>The same pair under the workflow: Investigating to OnHold and back to the entry state, each entry carrying the custom state.</summary>
    /// <returns>The state after the pair.</returns>
    [Benchmark(OperationsPerInvoke = 2)]
    [BenchmarkCategory("Command changing the state")]
    public IncidentState Workflow_PutOnHoldOrResume() => HoldAndResume(_workflowMove.Next(_workflow, 2));

    /// <summary>Named transitions <c>wait-for-change</c> then <c>change-released</c> (the second guarded by a role), per transition.</summary>
    /// <returns>The custom state after the pair.</returns>
    [Benchmark(OperationsPerInvoke = 2)]
    [BenchmarkCategory("Command changing the state")]
    public string? Workflow_NamedTransitions()
    {
        var incident = _named.Next(_workflow, 2);
        incident.TransitionWorkflow(Agent, "wait-for-change");
        incident.TransitionWorkflow(Agent, "change-released");
        incident.AcceptAuditEntries();
        return incident.WorkflowState;
    }

    /// <summary>Baseline: the commands the built-in lifecycle permits in InProgress.</summary>
    /// <returns>How many.</returns>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("PermittedCommands")]
    public int BuiltIn_PermittedCommands() => _builtIn.PermittedCommands.Count;

    /// <summary>The commands the workflow permits in Investigating.</summary>
    /// <returns>How many.</returns>
    [Benchmark]
    [BenchmarkCategory("PermittedCommands")]
    public int Workflow_PermittedCommands() => _underWorkflow.PermittedCommands.Count;

    /// <summary>Baseline: loading the built-in incident's state through its codec.</summary>
    /// <returns>The loaded incident.</returns>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Load")]
    public Incident BuiltIn_Load() => _builtInCodec.Deserialize(Tenant, Id.ToString(), _builtIn.Version, _builtInJson, Clock);

    /// <summary>Loading the workflow incident's state (the workflow looked up in the catalog, the custom state restored).</summary>
    /// <returns>The loaded incident.</returns>
    [Benchmark]
    [BenchmarkCategory("Load")]
    public Incident Workflow_Load() => _workflowCodec.Deserialize(Tenant, Id.ToString(), _underWorkflow.Version, _workflowJson, Clock);

    private Priority ChangeImpact(Incident incident)
    {
        _high = !_high;
        var (impact, urgency) = _high ? (Impact.High, Urgency.High) : (Impact.Low, Urgency.Low);
        incident.ChangeImpactOrUrgency(Agent, impact, urgency);
        incident.AcceptAuditEntries();
        return incident.Priority;
    }

    private static IncidentState HoldAndResume(Incident incident)
    {
        incident.PutOnHold(Agent, OnHoldReason.AwaitingVendor);
        incident.Resume(Agent);
        incident.AcceptAuditEntries();
        return incident.State;
    }

    // An incident opened (under the workflow or not), assigned (InProgress) and accepted, its machine built.
    private static Incident Loaded(Workflow<IncidentState, IncidentCommand>? workflow)
    {
        var incident = Incident.OpenUnderWorkflow(Tenant, Id, Agent, "alice", "E-mail is down", Impact.Medium, Urgency.Medium, Clock, null, null, null, null, workflow);
        incident.Assign(Agent, new SupportGroupId("ServiceDesk"), "bob");
        incident.AcceptAuditEntries();
        return incident;
    }

    // One benchmark's incident, replaced by a new loaded one every CommandsPerIncident commands.
    private sealed class Slot
    {
        private Incident? _incident;
        private int _commands;

        internal Incident Next(Workflow<IncidentState, IncidentCommand>? workflow, int commands = 1)
        {
            _commands += commands;
            if (_incident is null || _commands >= IncidentCommandBenchmarks.CommandsPerIncident)
            {
                _commands = 0;
                _incident = Loaded(workflow);
            }

            return _incident;
        }
    }
}

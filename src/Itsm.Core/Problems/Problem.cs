using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Services;
using NodaTime;
using Stateless;

namespace Itsm.Problems;

/// <summary>
/// A problem: the unknown (then known) cause of one or more incidents, investigated to find its
/// root cause and remove it. An aggregate whose lifecycle is a Stateless state machine over the
/// state it holds (see docs/lifecycles/problem.md for the diagram generated from it).
/// </summary>
/// <remarks>
/// <para>Commands follow the same contract as <see cref="Incidents.Incident"/>: arguments are
/// checked first (<see cref="ArgumentException"/> naming the parameter), then the state
/// (<see cref="InvalidTransitionException"/> naming the state, the command and the permitted
/// commands), then the command's rules (<see cref="DomainRuleViolationException"/> with a stable
/// <c>ITSM-PRB-…</c> code). An accepted command changes the problem, raises <see cref="Aggregate{TId, TState, TCommand}.Version"/> by
/// one and appends exactly one <see cref="AuditEntry"/>; a refused one changes nothing.
/// <see cref="ProblemState.Closed"/> and <see cref="ProblemState.Canceled"/> are terminal.</para>
/// <para>Linking is one-sided: <see cref="LinkIncident"/> records the incident's id here, and the
/// host links the incident to the problem with <c>Incident.LinkProblem(actor, problem.Id.ToString())</c>
/// (which <see cref="ProblemResolution.ResolveWithIncidents"/> relies on to find the incidents waiting
/// for the problem).</para>
/// <para>Time comes from the injected <see cref="IClock"/>. A problem is not thread-safe.</para>
/// </remarks>
public sealed partial class Problem : Aggregate<ProblemId, ProblemState, ProblemCommand>
{
    /// <summary>The record type used in audit entries and errors.</summary>
    public const string RecordType = "Problem";

    private readonly List<IncidentId> _linkedIncidents = [];
    private readonly List<string> _changes = [];

    private Problem(TenantId tenant, ProblemId id, IClock clock, string shortDescription)
        : base(RecordType, tenant, id, clock)
    {
        ShortDescription = shortDescription;
        LinkedIncidents = _linkedIncidents.AsReadOnly();
        Changes = _changes.AsReadOnly();
    }

    /// <summary>A short description.</summary>
    public string ShortDescription { get; }

    /// <summary>The support group the problem is assigned to, if any (ServiceNow's <c>assignment_group</c>).</summary>
    public SupportGroupId? AssignmentGroup { get; private set; }

    /// <summary>The person the problem is assigned to, if any (ServiceNow's <c>assigned_to</c>, Jira Service Management's Assignee).</summary>
    public string? AssignedTo { get; private set; }

    /// <summary>The root cause, once recorded (the latest <see cref="RecordRootCause"/>).</summary>
    public string? RootCause { get; private set; }

    /// <summary>The workaround, once documented (the latest <see cref="DocumentWorkaround"/>).</summary>
    public string? Workaround { get; private set; }

    /// <summary>
    /// The known error record, once <see cref="MarkAsKnownError"/> created it; <see langword="null"/>
    /// before. It stays after resolution, closure or cancelation.
    /// </summary>
    /// <remarks>
    /// Its <see cref="KnownError.RootCause"/> and <see cref="KnownError.Workaround"/> follow later
    /// <see cref="RecordRootCause"/> and <see cref="DocumentWorkaround"/> commands, so the record
    /// always shows the current knowledge. To offer the workaround to the incidents the problem
    /// causes, a host reads <c>problem.KnownError</c> and <see cref="LinkedIncidents"/>, loads those
    /// incidents and shows the workaround on each (for example as a work note); the incident
    /// lifecycle is not involved.
    /// </remarks>
    public KnownError? KnownError { get; private set; }

    /// <summary>The ids of the linked incidents, in the order they were linked (each once).</summary>
    public IReadOnlyList<IncidentId> LinkedIncidents { get; }

    /// <summary>The ids of the changes raised to apply the fix, in the order they were raised (each once).</summary>
    public IReadOnlyList<string> Changes { get; }

    /// <summary>How the problem was resolved; <see langword="null"/> unless resolved or closed.</summary>
    public ProblemResolutionCode? ResolutionCode { get; private set; }

    /// <summary>The resolution notes; <see langword="null"/> unless resolved or closed.</summary>
    public string? ResolutionNotes { get; private set; }

    /// <summary>When the problem was opened.</summary>
    public Instant OpenedAt { get; private set; }

    /// <summary>When the problem was resolved, or <see langword="null"/>.</summary>
    public Instant? ResolvedAt { get; private set; }

    /// <summary>Opens (logs) a new problem in state <see cref="ProblemState.New"/>.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The new problem's id.</param>
    /// <param name="openedBy">Who logs it.</param>
    /// <param name="shortDescription">A short description.</param>
    /// <param name="clock">The clock commands take their time from.</param>
    /// <param name="service">The affected service, if known.</param>
    /// <param name="offering">The affected service offering, if known.</param>
    /// <param name="configurationItems">The configuration items involved, if any (at most <see cref="FieldLimits.Items"/>, no duplicates).</param>
    /// <returns>The problem, at version 1 with one audit entry (command <c>Open</c>).</returns>
    /// <exception cref="ArgumentException">An argument is null, blank or empty; an id is <c>default</c>; a configuration item is named twice.</exception>
    /// <exception cref="FieldLimitException">More than <see cref="FieldLimits.Items"/> configuration items.</exception>
    public static Problem Open(
        TenantId tenant,
        ProblemId id,
        Actor openedBy,
        string shortDescription,
        IClock clock,
        ServiceId? service = null,
        ServiceOfferingId? offering = null,
        IReadOnlyList<ConfigurationItemId>? configurationItems = null) =>
        OpenUnderWorkflow(tenant, id, openedBy, shortDescription, clock, service, offering, configurationItems, workflow: null);

    /// <summary>
    /// Opens a new problem as <see cref="Open"/> does, under <paramref name="workflow"/>: it starts in the workflow's
    /// initial state and its creating audit entry carries it. The engine's <c>OpenProblem</c> takes this path with the
    /// workflow its <c>ItsmEngineOptions.Workflows</c> holds for the tenant; a host building records outside the engine
    /// (a history import) passes that same workflow, since a stored record whose workflow the catalog does not hold cannot be loaded.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The new problem's id.</param>
    /// <param name="openedBy">Who logs it.</param>
    /// <param name="shortDescription">A short description.</param>
    /// <param name="clock">The clock commands take their time from.</param>
    /// <param name="service">The affected service, if known.</param>
    /// <param name="offering">The affected service offering, if known.</param>
    /// <param name="configurationItems">The configuration items involved, if any (at most <see cref="FieldLimits.Items"/>, no duplicates).</param>
    /// <param name="workflow">The workflow the problem runs; <see langword="null"/> for the library lifecycle alone.</param>
    /// <returns>The problem, at version 1 with one audit entry (command <c>Open</c>).</returns>
    /// <exception cref="ArgumentException">An argument is null, blank or empty; an id is <c>default</c>; a configuration item is named twice.</exception>
    /// <exception cref="FieldLimitException">More than <see cref="FieldLimits.Items"/> configuration items.</exception>
    public static Problem OpenUnderWorkflow(
        TenantId tenant,
        ProblemId id,
        Actor openedBy,
        string shortDescription,
        IClock clock,
        ServiceId? service,
        ServiceOfferingId? offering,
        IReadOnlyList<ConfigurationItemId>? configurationItems,
        Itsm.Workflows.Workflow<ProblemState, ProblemCommand>? workflow)
    {
        Guard.Against.NullOrWhiteSpace(tenant.Value, nameof(tenant));
        if (id.Value == Guid.Empty)
        {
            throw new ArgumentException("The problem id must not be empty.", nameof(id));
        }

        Guard.Against.Null(openedBy);
        FieldCheck.Required(shortDescription, FieldLimits.Title);
        Guard.Against.Null(clock);
        var problem = new Problem(tenant, id, clock, shortDescription)
        {
            State = ProblemState.New,
        };
        problem._serviceModel.Set(service, offering, configurationItems);
        problem.OpenedAt = clock.GetCurrentInstant();
        problem.StartWorkflow(workflow);
        problem.RecordCreation(openedBy, problem.OpenedAt, new ProblemOpened(shortDescription, service)
        {
            Offering = offering,
            ConfigurationItems = problem.ConfigurationItems,
        });
        return problem;
    }

    /// <summary>Rebuilds a stored problem at <paramref name="version"/>: no guards, nothing recorded (the codec validates the state).</summary>
    internal static Problem Restore(
        TenantId tenant,
        ProblemId id,
        long version,
        IClock clock,
        string shortDescription,
        ProblemState state,
        SupportGroupId? assignmentGroup,
        ServiceId? service,
        ServiceOfferingId? offering,
        IReadOnlyList<ConfigurationItemId> configurationItems,
        SupplierId? supplier,
        string? assignedTo,
        string? rootCause,
        string? workaround,
        KnownError? knownError,
        IEnumerable<IncidentId> linkedIncidents,
        IEnumerable<string> changes,
        ProblemResolutionCode? resolutionCode,
        string? resolutionNotes,
        Instant openedAt,
        Instant? resolvedAt)
    {
        var problem = new Problem(tenant, id, clock, shortDescription)
        {
            State = state,
            AssignmentGroup = assignmentGroup,
            AssignedTo = assignedTo,
            RootCause = rootCause,
            Workaround = workaround,
            KnownError = knownError,
            ResolutionCode = resolutionCode,
            ResolutionNotes = resolutionNotes,
            OpenedAt = openedAt,
            ResolvedAt = resolvedAt,
        };
        problem._linkedIncidents.AddRange(linkedIncidents);
        problem._changes.AddRange(changes);
        problem._serviceModel.Set(service, offering, configurationItems, supplier);
        problem.Restore(version);
        return problem;
    }

    /// <summary>
    /// Sets the assignment to exactly a support group and/or a person, in every state that is not
    /// terminal (New, Assess, RootCauseAnalysis, FixInProgress, Resolved). The state does not change:
    /// assigning is not assessing (that is <see cref="Assess"/>), and reassigning keeps the state.
    /// </summary>
    /// <param name="actor">Who assigns.</param>
    /// <param name="group">The support group, or <see langword="null"/> for none.</param>
    /// <param name="assignee">The person (the problem coordinator or analyst), or <see langword="null"/> for the group's queue.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null, both are null, or one is blank (to clear the assignment, use <see cref="Unassign"/>).</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Closed, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-PRB-ASSIGN-001</c>: the assignment is already exactly that.</exception>
    public void Assign(Actor actor, SupportGroupId? group, string? assignee = null)
    {
        Guard.Against.Null(actor);
        TicketServiceFields.Check(group, nameof(group));
        AssignmentRules.CheckArguments(group?.Value, assignee);
        Execute(actor, ProblemCommand.Assign, _ =>
        {
            AssignmentGroup = group;
            AssignedTo = assignee;
        }, new ProblemAssigned(group, assignee, AssignmentGroup, AssignedTo), () =>
            AssignmentRules.RequireChange("ITSM-PRB-ASSIGN-001", "problem", group?.Value, assignee, AssignmentGroup?.Value, AssignedTo));
    }

    /// <summary>Clears the assignment (group and person) in every state that is not terminal; the state does not change.</summary>
    /// <param name="actor">Who unassigns.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Closed, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-PRB-ASSIGN-002</c>: nothing is assigned.</exception>
    public void Unassign(Actor actor)
    {
        Guard.Against.Null(actor);
        Execute(actor, ProblemCommand.Unassign, _ =>
        {
            AssignmentGroup = null;
            AssignedTo = null;
        }, new ProblemUnassigned(AssignmentGroup, AssignedTo), () =>
            AssignmentRules.RequireAssigned("ITSM-PRB-ASSIGN-002", "problem", AssignmentGroup?.Value, AssignedTo));
    }

    /// <summary>Starts assessing a new problem (<see cref="ProblemState.Assess"/>).</summary>
    /// <param name="actor">Who assesses it.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    public void Assess(Actor actor)
    {
        Guard.Against.Null(actor);
        Execute(actor, ProblemCommand.Assess, static _ => { }, new ProblemAssessed());
    }

    /// <summary>Starts root cause analysis (<see cref="ProblemState.RootCauseAnalysis"/>).</summary>
    /// <param name="actor">Who starts it.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    public void StartRootCauseAnalysis(Actor actor)
    {
        Guard.Against.Null(actor);
        Execute(actor, ProblemCommand.StartRootCauseAnalysis, static _ => { }, new RootCauseAnalysisStarted());
    }

    /// <summary>Records the root cause, replacing an earlier one (and the known error's, if there is one).</summary>
    /// <param name="actor">Who records it.</param>
    /// <param name="rootCause">The root cause.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null or <paramref name="rootCause"/> is blank.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    public void RecordRootCause(Actor actor, string rootCause)
    {
        Guard.Against.Null(actor);
        FieldCheck.Required(rootCause, FieldLimits.Text);
        Execute(actor, ProblemCommand.RecordRootCause, _ =>
        {
            RootCause = rootCause;
            KnownError = KnownError is null ? null : KnownError with { RootCause = rootCause };
        }, new RootCauseRecorded(rootCause));
    }

    /// <summary>Documents a workaround, replacing an earlier one (and the known error's, if there is one).</summary>
    /// <param name="actor">Who documents it.</param>
    /// <param name="workaround">The workaround: how users or agents restore service until the fix.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null or <paramref name="workaround"/> is blank.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    public void DocumentWorkaround(Actor actor, string workaround)
    {
        Guard.Against.Null(actor);
        FieldCheck.Required(workaround, FieldLimits.Text);
        Execute(actor, ProblemCommand.DocumentWorkaround, _ =>
        {
            Workaround = workaround;
            KnownError = KnownError is null ? null : KnownError with { Workaround = workaround };
        }, new WorkaroundDocumented(workaround));
    }

    /// <summary>
    /// Makes the problem a known error: creates <see cref="KnownError"/> from the recorded root
    /// cause, the documented workaround, <paramref name="symptom"/> and <paramref name="affectedItems"/>.
    /// </summary>
    /// <param name="actor">Who marks it.</param>
    /// <param name="symptom">How the error shows itself to users.</param>
    /// <param name="affectedItems">The services or configuration items affected (possibly none; no blank entries).</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> or <paramref name="affectedItems"/> is null, <paramref name="symptom"/> is blank, or an affected item is blank.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException">
    /// <c>ITSM-PRB-KNOWNERROR-001</c>: already a known error; <c>ITSM-PRB-KNOWNERROR-002</c>: no
    /// root cause recorded; <c>ITSM-PRB-KNOWNERROR-003</c>: no workaround documented (checked in that order).
    /// </exception>
    public void MarkAsKnownError(Actor actor, string symptom, IEnumerable<string> affectedItems)
    {
        Guard.Against.Null(actor);
        FieldCheck.Required(symptom, FieldLimits.Text);
        Guard.Against.Null(affectedItems);
        var items = affectedItems.ToArray();
        if (Array.Exists(items, string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("An affected item is null or blank.", nameof(affectedItems));
        }

        FieldCheck.Items(items, FieldLimits.Items, FieldLimits.Id, nameof(affectedItems));

        Execute(actor, ProblemCommand.MarkAsKnownError, _ =>
            KnownError = new KnownError(Id, symptom, RootCause!, Workaround!, Array.AsReadOnly(items)),
            new ProblemMarkedAsKnownError(symptom, string.Join(", ", items)), () =>
            {
                if (KnownError is not null)
                {
                    throw Rule("ITSM-PRB-KNOWNERROR-001", $"Problem {Id} is already a known error.");
                }

                if (RootCause is null)
                {
                    throw Rule("ITSM-PRB-KNOWNERROR-002", "A known error needs a recorded root cause; record it first.");
                }

                if (Workaround is null)
                {
                    throw Rule("ITSM-PRB-KNOWNERROR-003", "A known error needs a documented workaround; document it first.");
                }
            });
    }

    /// <summary>Starts applying a fix for the recorded root cause (<see cref="ProblemState.FixInProgress"/>).</summary>
    /// <param name="actor">Who starts it.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-PRB-FIX-001</c>: no root cause recorded.</exception>
    public void StartFix(Actor actor)
    {
        Guard.Against.Null(actor);
        Execute(actor, ProblemCommand.StartFix, static _ => { }, new ProblemFixStarted(), () =>
        {
            if (RootCause is null)
            {
                throw Rule("ITSM-PRB-FIX-001", "A fix needs a recorded root cause; record it first.");
            }
        });
    }

    /// <summary>Links a change raised to apply the problem's fix (the change itself lives in <c>Itsm.Changes</c>).</summary>
    /// <param name="actor">Who raises it.</param>
    /// <param name="changeId">The change's id, as text.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null or <paramref name="changeId"/> is blank.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-PRB-CHANGE-001</c>: the change is already linked.</exception>
    public void RaiseChange(Actor actor, string changeId)
    {
        Guard.Against.Null(actor);
        FieldCheck.Required(changeId, FieldLimits.Id);
        Execute(actor, ProblemCommand.RaiseChange, _ => _changes.Add(changeId), new ProblemChangeRaised(changeId), () =>
        {
            FieldCheck.Room(_changes.Count, FieldLimits.Items, "problem", "changes");
            if (_changes.Contains(changeId, StringComparer.Ordinal))
            {
                throw Rule("ITSM-PRB-CHANGE-001", $"Change {changeId} is already linked to problem {Id}.");
            }
        });
    }

    /// <summary>Links an incident caused by the problem (the host also calls <c>Incident.LinkProblem</c>).</summary>
    /// <param name="actor">Who links it.</param>
    /// <param name="incidentId">The incident's id (an incident of the problem's tenant).</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null or <paramref name="incidentId"/> is empty.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-PRB-LINK-001</c>: the incident is already linked.</exception>
    public void LinkIncident(Actor actor, IncidentId incidentId)
    {
        Guard.Against.Null(actor);
        RequireIncidentId(incidentId);
        Execute(actor, ProblemCommand.LinkIncident, _ => _linkedIncidents.Add(incidentId), new ProblemIncidentLinked(incidentId), () =>
        {
            FieldCheck.Room(_linkedIncidents.Count, FieldLimits.LinkedRecords, "problem", "linked incidents");
            if (_linkedIncidents.Contains(incidentId))
            {
                throw Rule("ITSM-PRB-LINK-001", $"Incident {incidentId} is already linked to problem {Id}.");
            }
        });
    }

    /// <summary>Unlinks a linked incident.</summary>
    /// <param name="actor">Who unlinks it.</param>
    /// <param name="incidentId">The incident's id.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null or <paramref name="incidentId"/> is empty.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-PRB-LINK-002</c>: the incident is not linked.</exception>
    public void UnlinkIncident(Actor actor, IncidentId incidentId)
    {
        Guard.Against.Null(actor);
        RequireIncidentId(incidentId);
        Execute(actor, ProblemCommand.UnlinkIncident, _ => _linkedIncidents.Remove(incidentId), new ProblemIncidentUnlinked(incidentId), () =>
        {
            if (!_linkedIncidents.Contains(incidentId))
            {
                throw Rule("ITSM-PRB-LINK-002", $"Incident {incidentId} is not linked to problem {Id}.");
            }
        });
    }

    /// <summary>
    /// Resolves the problem. To resolve the incidents waiting for it in the same operation, use
    /// <see cref="ProblemResolution.ResolveWithIncidents"/> instead.
    /// </summary>
    /// <param name="actor">Who resolves it.</param>
    /// <param name="code">How it was resolved.</param>
    /// <param name="notes">Resolution notes; required.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null or <paramref name="code"/> is undefined.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException">
    /// <c>ITSM-PRB-RESOLVE-001</c>: no resolution notes; <c>ITSM-PRB-RESOLVE-002</c>:
    /// <see cref="ProblemResolutionCode.FixApplied"/> outside <see cref="ProblemState.FixInProgress"/>
    /// (a fix is applied only after <see cref="StartFix"/>, which needs a recorded root cause).
    /// </exception>
    public void Resolve(Actor actor, ProblemResolutionCode code, string notes)
    {
        Guard.Against.Null(actor);
        Guard.Against.OutOfRange((int)code, nameof(code), 1, 4);
        FieldCheck.Length(notes, FieldLimits.Text);
        Execute(actor, ProblemCommand.Resolve, at =>
        {
            ResolutionCode = code;
            ResolutionNotes = notes;
            ResolvedAt = at;
        }, new ProblemResolved(code, notes), () => CheckResolveRules(code, notes));
    }

    /// <summary>Closes a resolved problem.</summary>
    /// <param name="actor">Who closes it.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    public void Close(Actor actor)
    {
        Guard.Against.Null(actor);
        Execute(actor, ProblemCommand.Close, static _ => { }, new ProblemClosed());
    }

    /// <summary>Cancels a problem that is not resolved (logged in error, not a problem after all).</summary>
    /// <param name="actor">Who cancels it.</param>
    /// <param name="reason">Why.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null or <paramref name="reason"/> is blank.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    public void Cancel(Actor actor, string reason)
    {
        Guard.Against.Null(actor);
        FieldCheck.Required(reason, FieldLimits.Text);
        Execute(actor, ProblemCommand.Cancel, static _ => { }, new ProblemCanceled(reason));
    }

    /// <summary>The problem's id and state.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"Problem {Id} ({State})";

    // The rules of Resolve, also checked by ProblemResolution before anything changes.
    internal void CheckResolveRules(ProblemResolutionCode code, string? notes)
    {
        if (string.IsNullOrWhiteSpace(notes))
        {
            throw Rule("ITSM-PRB-RESOLVE-001", "Resolving a problem needs resolution notes.");
        }

        if (code == ProblemResolutionCode.FixApplied && State != ProblemState.FixInProgress)
        {
            throw Rule("ITSM-PRB-RESOLVE-002", $"A problem can be resolved with FixApplied only while its fix is in progress; it is in state {State}.");
        }
    }

    private static DomainRuleViolationException Rule(string code, string message) => new(code, message);

    private static void RequireIncidentId(IncidentId incidentId)
    {
        if (incidentId.Value == Guid.Empty)
        {
            throw new ArgumentException("The incident id must not be empty.", nameof(incidentId));
        }
    }

    private protected override void ConfigureLifecycle(StateMachine<ProblemState, ProblemCommand> machine, Func<Aggregate<ProblemId, ProblemState, ProblemCommand>> current) =>
        ProblemLifecycle.Configure(machine);
}

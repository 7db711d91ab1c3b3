using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Itsm.BusinessTime;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Improvement;
using Itsm.Incidents;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Persistence.Sqlite;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.ServiceDesk;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Samples.ServiceDesk;

/// <summary>
/// A discrete-event simulation of a small company's service desk, run through the engine
/// (<see cref="ItsmEngine"/> over <see cref="SqliteAggregateStore"/>): every action is a timed
/// event in a priority queue; the clock moves to each event's instant and the event runs real
/// commands. SLA warnings and breaches come from an <see cref="SlaDueList{TKey}"/>.
/// </summary>
/// <remarks>
/// Deterministic: the same seed on the same database gives the same history. A run on a database
/// that already holds a history continues it from the day after its last audit entry.
/// </remarks>
public sealed class ServiceDeskSimulation
{
    // Audit reads cover everything the store can hold from 1900 on.
    private static readonly Instant Origin = Instant.FromUtc(1900, 1, 1, 0, 0);

    // Expected human contacts per hour of a working day (email and portal trickle in at night).
    private static readonly double[] WorkdayProfile =
        [0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.3, 1.6, 2.8, 3.2, 2.8, 1.6, 1.9, 2.3, 2.0, 1.6, 1.0, 0.4, 0.2, 0.1, 0.1, 0.1, 0.1];

    private static readonly string[] Questions =
    [
        "How do I set up my out-of-office?", "Where do I find the expenses form?", "How do I book a meeting room?",
        "Can I use my own phone for email?", "How do I change my password?", "Who approves a new monitor?",
    ];

    private const int OrderMidnight = 0;
    private const int OrderAction = 1;

    private readonly SimulationSettings _settings;
    private readonly IProgress<SimulationProgress>? _progress;
    private readonly TenantId _tenant;
    private readonly BusinessCalendar _calendar = ServiceDeskModel.Calendar;
    private readonly SlaTracker _tracker = new(ServiceDeskModel.Agreements);
    private readonly PriorityQueue<Func<Task>, (Instant At, int Order, long Seq)> _queue = new();
    private readonly SlaDueList<string> _due = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Instant> _dueScheduled = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Instant> _lastChecked = new(StringComparer.Ordinal);
    private readonly Dictionary<IncidentId, List<IncidentId>> _children = [];
    private readonly Dictionary<ChangeId, ProblemId> _changeProblem = [];
    private readonly List<IncidentId> _recurring = [];
    private readonly List<DailyBacklog> _backlog = [];
    private readonly DeskAuthorizer _authorizer = new();
    private SqliteAggregateStore _store = null!;
    private ItsmEngine _engine = null!;
    private SimulationClock _clock = null!;
    private Random _random = null!;
    private CancellationToken _ct;
    private Instant _runStart;
    private Instant _runEnd;
    private LocalDate _firstDay;
    private short _idDay;
    private int _idCounter;
    private long _seq;
    private int _day;
    private ProblemId? _openProblem;
    private bool _problemOpenedThisRun;
    private bool _recurringFixed;

    // Activity counters.
    private int _interactions, _incidents, _requests, _answered, _fcr, _alerts, _majors, _problems, _changes, _reopens, _warnings, _breaches, _pickedUp, _commands;

    private ServiceDeskSimulation(SimulationSettings settings, IProgress<SimulationProgress>? progress)
    {
        _settings = settings;
        _progress = progress;
        _tenant = new TenantId(settings.Tenant);
    }

    private Instant Now => _clock.Now;

    /// <summary>Checks settings; returns every problem found (empty when valid).</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The problems.</returns>
    public static IReadOnlyList<string> Validate(SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(settings.DatabasePath))
        {
            errors.Add("The database path is empty.");
        }
        else if (Directory.Exists(settings.DatabasePath))
        {
            errors.Add($"The database path '{settings.DatabasePath}' is a directory.");
        }

        if (settings.Days is < 1 or > 3660)
        {
            errors.Add($"Days must be 1 to 3660, not {settings.Days}.");
        }

        if (string.IsNullOrWhiteSpace(settings.Tenant) || settings.Tenant.Length > 100)
        {
            errors.Add("The tenant must be 1 to 100 characters.");
        }

        if (settings.StartDate.Year is < 1990 or > 2190)
        {
            errors.Add($"The start date {settings.StartDate:uuuu-MM-dd} is out of range (1990-2190).");
        }

        return errors;
    }

    /// <summary>Runs the simulation and builds its report.</summary>
    /// <param name="settings">What to simulate, and where.</param>
    /// <param name="progress">Told after each simulated day; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Stops the run between events.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">The settings are invalid; the message lists every problem.</exception>
    public static async Task<SimulationReport> RunAsync(SimulationSettings settings, IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var errors = Validate(settings);
        if (errors.Count > 0)
        {
            throw new ArgumentException("The simulation settings are invalid: " + string.Join(" ", errors), nameof(settings));
        }

        return await new ServiceDeskSimulation(settings, progress).RunCoreAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SimulationReport> RunCoreAsync(CancellationToken ct)
    {
        _ct = ct;
        var stopwatch = Stopwatch.StartNew();
        _store = new SqliteAggregateStore(new SqliteStoreOptions
        {
            Path = _settings.DatabasePath,
            // A simulation can afford to lose the last commits on a power cut; WAL keeps the file consistent.
            Synchronous = SqliteSynchronous.Normal,
        });

        // Where does the stored history end? The run starts the local day after it.
        var zone = _calendar.Zone;
        var before = await _store.ReadAuditAsync(_tenant, new Interval(Origin, BusinessCalendar.MaxSupportedInstant), ct).ConfigureAwait(false);
        bool continued = before.Count > 0;
        _firstDay = continued ? before[^1].At.InZone(zone).Date.PlusDays(1) : _settings.StartDate;
        _runStart = zone.AtStartOfDay(_firstDay).ToInstant();
        _runEnd = zone.AtStartOfDay(_firstDay.PlusDays(_settings.Days)).ToInstant();

        // One Random per (seed, first day): a continuation draws other numbers, and its ids carry its day.
        int epochDay = Period.Between(new LocalDate(1970, 1, 1), _firstDay, PeriodUnits.Days).Days;
        _idDay = unchecked((short)epochDay);
        _random = new Random(unchecked((_settings.Seed * 1_000_003) ^ epochDay));
        _clock = new SimulationClock(_runStart);
        _engine = new ItsmEngine(_store, _authorizer, _clock, new ItsmEngineOptions
        {
            Agreements = ServiceDeskModel.Agreements,
            Calendars = ServiceDeskModel.Calendars,
            ChangeAuthority = ServiceDeskModel.ChangeAuthority,
        });

        if (continued)
        {
            await PickUpAsync().ConfigureAwait(false);
        }

        Schedule(_runStart, OrderMidnight, () => MidnightAsync(_firstDay));
        ScheduleMajorIncidentStory();

        await RunLoopAsync().ConfigureAwait(false);

        // The run's end is the last day's midnight: count its backlog there.
        int stillOpen = await CountBacklogAsync().ConfigureAwait(false);
        var lastDay = _firstDay.PlusDays(_settings.Days - 1);
        _backlog.Add(new DailyBacklog(lastDay, _runEnd, stillOpen));
        ReportProgress(lastDay, stillOpen);

        var report = await BuildReportAsync(continued, before.Count, stopwatch).ConfigureAwait(false);
        return report;
    }

    // ------------------------------------------------------------------ event loop

    private void Schedule(Instant at, int order, Func<Task> action)
    {
        if (at < Now)
        {
            at = Now;
        }

        if (at >= _runEnd)
        {
            return; // left for the next run: the ticket stays open in the store and is picked up then
        }

        _queue.Enqueue(action, (at, order, _seq++));
    }

    private void Schedule(Instant at, Func<Task> action) => Schedule(at, OrderAction, action);

    private async Task RunLoopAsync()
    {
        var due = new List<string>();
        while (true)
        {
            _ct.ThrowIfCancellationRequested();
            bool hasEvent = _queue.TryPeek(out _, out var next);
            Instant? slaNext = _due.NextDue;
            if (slaNext is { } s && s < _runEnd && (!hasEvent || s <= next.At))
            {
                _clock.MoveTo(s > Now ? s : Now);
                due.Clear();
                _due.TakeDue(Now, due);
                foreach (var key in due)
                {
                    await OnSlaDueAsync(key).ConfigureAwait(false);
                }

                continue;
            }

            if (!hasEvent)
            {
                break;
            }

            var action = _queue.Dequeue();
            _clock.MoveTo(next.At);
            await action().ConfigureAwait(false);
        }

        _clock.MoveTo(_runEnd);
    }

    private async Task MidnightAsync(LocalDate date)
    {
        if (date > _firstDay)
        {
            int open = await CountBacklogAsync().ConfigureAwait(false);
            _backlog.Add(new DailyBacklog(date.PlusDays(-1), Now, open));
            ReportProgress(date.PlusDays(-1), open);
        }

        var dayStart = _calendar.Zone.AtStartOfDay(date).ToInstant();
        if (dayStart >= _runEnd)
        {
            return;
        }

        bool workday = _calendar.GetWorkingIntervals(date).Count > 0;
        for (int hour = 0; hour < 24; hour++)
        {
            var hourStart = dayStart + Duration.FromHours(hour);
            int contacts = Poisson(workday ? WorkdayProfile[hour] : hour is >= 8 and < 20 ? 0.06 : 0.02);
            for (int i = 0; i < contacts; i++)
            {
                var at = hourStart + Duration.FromSeconds(_random.Next(1, 3600));
                Schedule(at, () => ContactAsync(recurring: false));
            }

            if (workday && !_recurringFixed && hour is >= 8 and < 18 && Poisson(0.12) is int recurring and > 0)
            {
                for (int i = 0; i < recurring; i++)
                {
                    Schedule(hourStart + Duration.FromSeconds(_random.Next(1, 3600)), () => ContactAsync(recurring: true));
                }
            }

            int alerts = Poisson(0.04);
            for (int i = 0; i < alerts; i++)
            {
                Schedule(hourStart + Duration.FromSeconds(_random.Next(1, 3600)), AlertAsync);
            }
        }

        var nextDay = date.PlusDays(1);
        Schedule(_calendar.Zone.AtStartOfDay(nextDay).ToInstant(), OrderMidnight, () => MidnightAsync(nextDay));
    }

    // The backlog as the KPIs define it: incidents New, InProgress or OnHold (a resolved incident
    // is still open in the store's sense until it closes).
    private async Task<int> CountBacklogAsync()
    {
        var open = await _store.QueryAsync(_tenant, new RecordQuery { RecordType = Incident.RecordType, OpenOnly = true }, _ct).ConfigureAwait(false);
        return open.Count(s => s.Index.State is nameof(IncidentState.New) or nameof(IncidentState.InProgress) or nameof(IncidentState.OnHold));
    }

    private void ReportProgress(LocalDate date, int open)
    {
        _day++;
        _progress?.Report(new SimulationProgress(_day, _settings.Days, date, open));
    }

    // ------------------------------------------------------------------ random helpers

    private int Poisson(double lambda)
    {
        if (lambda <= 0)
        {
            return 0;
        }

        double limit = Math.Exp(-lambda), p = 1;
        int k = 0;
        do
        {
            k++;
            p *= _random.NextDouble();
        }
        while (p > limit);
        return k - 1;
    }

    private double Exponential(double mean) => -mean * Math.Log(1 - _random.NextDouble());

    private bool Chance(double p) => _random.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private DeskService PickService()
    {
        int total = ServiceDeskModel.Services.Sum(s => s.Weight);
        int roll = _random.Next(total);
        foreach (var service in ServiceDeskModel.Services)
        {
            if ((roll -= service.Weight) < 0)
            {
                return service;
            }
        }

        return ServiceDeskModel.Services[^1];
    }

    private Guid NewGuid(short kind)
    {
        Span<byte> tail = stackalloc byte[8];
        _random.NextBytes(tail);
        return new Guid(++_idCounter, _idDay, kind, tail.ToArray());
    }

    private Instant AfterBusiness(double hours) => _calendar.Add(Now, Duration.FromSeconds(Math.Max(60, hours * 3600)));

    private Instant AfterWall(double minutes) => Now + Duration.FromSeconds(Math.Max(30, minutes * 60));

    private static DeskGroup GroupOf(string? name) =>
        ServiceDeskModel.Groups.FirstOrDefault(g => g.Name == name) ?? ServiceDeskModel.Groups[0];

    private static string GroupFor(string? service) =>
        ServiceDeskModel.Services.FirstOrDefault(s => s.Name == service)?.Group ?? ServiceDeskModel.Groups[0].Name;

    private static double ResolutionMeanHours(Priority priority) => priority.Value switch
    {
        1 => 1.5,
        2 => 3,
        3 => 7,
        4 => 14,
        _ => 24,
    };

    private static double ResponseMeanMinutes(Priority priority) => priority.Value switch
    {
        1 => 6,
        2 => 12,
        3 => 40,
        4 => 70,
        _ => 120,
    };

    // ------------------------------------------------------------------ engine helpers

    private async Task<Incident> IncidentCommandAsync(IncidentId id, Actor actor, string action, Action<Incident> command)
    {
        var result = await _engine.Incidents.ExecuteAsync(_tenant, id, actor, action, command, null, _ct).ConfigureAwait(false);
        _commands++;
        Track(Incident.RecordType, id.ToString(), result.Record.TicketHistory);
        return result.Record;
    }

    private async Task<ServiceRequest> RequestCommandAsync(ServiceRequestId id, Actor actor, string action, Action<ServiceRequest> command)
    {
        var result = await _engine.ServiceRequests.ExecuteAsync(_tenant, id, actor, action, command, null, _ct).ConfigureAwait(false);
        _commands++;
        Track(ServiceRequest.RecordType, id.ToString(), result.Record.TicketHistory);
        return result.Record;
    }

    private async Task<Problem> ProblemCommandAsync(ProblemId id, Actor actor, string action, Action<Problem> command)
    {
        var result = await _engine.Problems.ExecuteAsync(_tenant, id, actor, action, command, null, _ct).ConfigureAwait(false);
        _commands++;
        return result.Record;
    }

    private async Task<Change> ChangeCommandAsync(ChangeId id, Actor actor, string action, Action<Change> command)
    {
        var result = await _engine.Changes.ExecuteAsync(_tenant, id, actor, action, command, null, _ct).ConfigureAwait(false);
        _commands++;
        return result.Record;
    }

    private async Task SaveIncidentAsync(Incident incident)
    {
        await _engine.Incidents.SaveAsync(incident, _ct).ConfigureAwait(false);
        _commands++;
        Track(Incident.RecordType, incident.Id.ToString(), incident.TicketHistory);
    }

    // ------------------------------------------------------------------ SLA due list

    private static string Key(string recordType, string id) => recordType + "/" + id;

    // After a command: schedule the ticket's next threshold (what the engine stored as SlaDueAt).
    private void Track(string recordType, string id, IReadOnlyList<TicketChange> history)
    {
        var key = Key(recordType, id);
        var next = NextThreshold(history, Now);
        _due.Schedule(key, next);
        if (next is { } at)
        {
            _dueScheduled[key] = at;
        }

        _lastChecked[key] = Now;
    }

    private Instant? NextThreshold(IReadOnlyList<TicketChange> history, Instant now)
    {
        if (history.Count == 0)
        {
            return null;
        }

        var at = history[^1].At > now ? history[^1].At : now;
        Instant? earliest = null;
        foreach (var clock in _tracker.Track(history))
        {
            if (clock.Evaluate(ServiceDeskModel.Calendars, at).NextThresholdInstant is { } next && (earliest is null || next < earliest))
            {
                earliest = next;
            }
        }

        return earliest;
    }

    private async Task OnSlaDueAsync(string key)
    {
        int slash = key.IndexOf('/', StringComparison.Ordinal);
        string type = key[..slash];
        var guid = Guid.Parse(key[(slash + 1)..]);
        IReadOnlyList<TicketChange> history;
        Incident? incident = null;
        if (type == Incident.RecordType)
        {
            incident = await _engine.Incidents.FindAsync(_tenant, new IncidentId(guid), _ct).ConfigureAwait(false);
            history = incident?.TicketHistory ?? [];
        }
        else
        {
            var request = await _engine.ServiceRequests.FindAsync(_tenant, new ServiceRequestId(guid), _ct).ConfigureAwait(false);
            history = request?.TicketHistory ?? [];
        }

        if (history.Count == 0)
        {
            return;
        }

        // Since when were this ticket's thresholds already seen? Picked-up tickets: since their last
        // change for breaches (a handled breach was saved), since the run's start for warnings.
        var lastSeen = _lastChecked.TryGetValue(key, out var checkedAt) ? checkedAt : history[^1].At;
        var warnedFrom = lastSeen < _runStart ? _runStart : lastSeen;
        var reasons = new List<string>();
        foreach (var clock in _tracker.Track(history))
        {
            var then = clock.Evaluate(ServiceDeskModel.Calendars, lastSeen);
            var now = clock.Evaluate(ServiceDeskModel.Calendars, Now);
            if (now.Stage == SlaStage.Breached && then.Stage != SlaStage.Breached)
            {
                _breaches++;
                reasons.Add($"{clock.Agreement.Id} {clock.Target.Metric} target of {Hours(now.Target)} business hours breached");
                continue;
            }

            var from = warnedFrom == lastSeen ? then : clock.Evaluate(ServiceDeskModel.Calendars, warnedFrom);
            foreach (var threshold in clock.Target.WarningThresholds)
            {
                if (from.ElapsedPercent < threshold && now.ElapsedPercent >= threshold && now.Stage != SlaStage.Breached)
                {
                    _warnings++;
                }
            }
        }

        if (reasons.Count > 0 && incident is { State: IncidentState.New or IncidentState.InProgress or IncidentState.OnHold })
        {
            var manager = GroupOf(incident.AssignmentGroup).Manager;
            await IncidentCommandAsync(incident.Id, ServiceDeskModel.SlaEngine, "EscalateHierarchically",
                i => i.EscalateHierarchically(ServiceDeskModel.SlaEngine, manager, string.Join("; ", reasons))).ConfigureAwait(false);
        }
        else
        {
            Track(type, guid.ToString(), history);
        }
    }

    private static string Hours(Duration d) => d.TotalHours.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    // ------------------------------------------------------------------ contacts

    private Actor DeskAgent() => Pick(ServiceDeskModel.Agents);

    private async Task ContactAsync(bool recurring)
    {
        bool open = _calendar.IsWorking(Now);
        var channel = recurring
            ? (open ? Channel.Phone : Channel.Email)
            : open
                ? _random.NextDouble() switch { < 0.40 => Channel.Phone, < 0.65 => Channel.Email, < 0.85 => Channel.Portal, < 0.95 => Channel.Chat, _ => Channel.WalkIn }
                : Chance(0.5) ? Channel.Email : Channel.Portal;
        int caller = _random.Next(1, ServiceDeskModel.Employees + 1);
        double kind = recurring ? 0 : _random.NextDouble();
        DeskService? service = null;
        string description;
        int catalogIndex = -1;
        if (kind < 0.55)
        {
            service = recurring ? ServiceDeskModel.Services.First(s => s.Name == ServiceDeskModel.RecurringService) : PickService();
            description = recurring ? ServiceDeskModel.RecurringSymptom : Pick(service.Symptoms);
        }
        else if (kind < 0.80)
        {
            int total = ServiceDeskModel.Catalog.Sum(c => c.Weight);
            int roll = _random.Next(total);
            for (catalogIndex = 0; catalogIndex < ServiceDeskModel.Catalog.Count - 1 && (roll -= ServiceDeskModel.Catalog[catalogIndex].Weight) >= 0; catalogIndex++)
            {
            }

            description = "Request: " + ServiceDeskModel.Catalog[catalogIndex].Title;
        }
        else
        {
            description = Pick(Questions);
        }

        var logger = open ? DeskAgent() : ServiceDeskModel.Portal;
        var interactionId = new InteractionId(NewGuid(1));
        await _engine.Interactions.CreateAsync(_tenant, interactionId, logger,
            clock => Interaction.Log(_tenant, interactionId, logger, channel, ServiceDeskModel.CallerId(caller), description, clock), null, _ct).ConfigureAwait(false);
        _commands++;
        _interactions++;

        // The agent handles the contact: a few minutes on the phone, or the next working morning.
        var handledAt = open ? AfterWall(3 + Exponential(6)) : _calendar.NextWorkingInstant(Now) + Duration.FromMinutes(5 + _random.Next(85));
        var agent = open ? logger : DeskAgent();
        if (service is not null)
        {
            bool firstContact = channel is Channel.Phone or Channel.Chat or Channel.WalkIn && !recurring;
            Schedule(handledAt, () => RaiseIncidentAsync(interactionId, agent, service, firstContact, recurring, parent: null));
        }
        else if (catalogIndex >= 0)
        {
            Schedule(handledAt, () => RaiseRequestAsync(interactionId, agent, catalogIndex));
        }
        else
        {
            Schedule(handledAt, async () =>
            {
                await _engine.Interactions.ExecuteAsync(_tenant, interactionId, agent, "Answer",
                    i => i.AnswerOnFirstContact(agent, "Sent the knowledge article."), null, _ct).ConfigureAwait(false);
                _commands++;
                _answered++;
            });
        }
    }

    private (Impact, Urgency) DrawImpactUrgency()
    {
        var impact = _random.NextDouble() switch { < 0.10 => Impact.High, < 0.55 => Impact.Medium, _ => Impact.Low };
        var urgency = _random.NextDouble() switch { < 0.15 => Urgency.High, < 0.65 => Urgency.Medium, _ => Urgency.Low };
        return (impact, urgency);
    }

    // Multi-record operation: the interaction is classified and the incident created, so both are
    // loaded/created here and saved one after the other (not through ExecuteAsync).
    private async Task<IncidentId> RaiseIncidentAsync(InteractionId interactionId, Actor agent, DeskService service, bool mayResolveOnFirstContact, bool recurring, IncidentId? parent, (Impact, Urgency)? severity = null)
    {
        var (impact, urgency) = severity ?? DrawImpactUrgency();
        var priority = _engine.Options.Incidents.PriorityMatrix.PriorityFor(impact, urgency);
        bool resolvedOnFirstContact = mayResolveOnFirstContact && parent is null && priority.Value >= 3 && Chance(0.3);
        var interaction = await _engine.Interactions.GetAsync(_tenant, interactionId, _ct).ConfigureAwait(false);
        var id = new IncidentId(NewGuid(2));
        var incident = ServiceDeskIntake.RaiseIncident(interaction, id, agent, impact, urgency, _clock, _engine.Options.Incidents, service.Name, resolvedOnFirstContact);
        await SaveIncidentAsync(incident).ConfigureAwait(false);
        await _engine.Interactions.SaveAsync(interaction, _ct).ConfigureAwait(false);
        _commands++;
        _incidents++;
        if (recurring)
        {
            _recurring.Add(id);
        }

        if (resolvedOnFirstContact)
        {
            _fcr++;
            await IncidentCommandAsync(id, agent, "Resolve", i => i.Resolve(agent, IncidentResolutionCode.SolvedRemotelyPermanently, "Talked the caller through it on the phone.")).ConfigureAwait(false);
            await AfterResolvedAsync(id).ConfigureAwait(false);
            return id;
        }

        if (parent is { } p)
        {
            var major = await _engine.Incidents.GetAsync(_tenant, p, _ct).ConfigureAwait(false);
            var manager = ServiceDeskModel.IncidentManager;
            await IncidentCommandAsync(id, manager, "AttachToParent", i => i.AttachToParent(manager, major)).ConfigureAwait(false);
            (_children.TryGetValue(p, out var list) ? list : _children[p] = []).Add(id);
        }

        Schedule(_calendar.Add(Now, Duration.FromSeconds(60 * Math.Max(1, Exponential(ResponseMeanMinutes(priority))))), () => IncidentStepAsync(id));
        if (recurring && _openProblem is null && !_problemOpenedThisRun && _recurring.Count >= 3)
        {
            _problemOpenedThisRun = true;
            Schedule(AfterBusiness(1), OpenProblemAsync);
        }

        return id;
    }

    private async Task RaiseRequestAsync(InteractionId interactionId, Actor agent, int catalogIndex)
    {
        var item = ServiceDeskModel.Catalog[catalogIndex].Item;
        var interaction = await _engine.Interactions.GetAsync(_tenant, interactionId, _ct).ConfigureAwait(false);
        var id = new ServiceRequestId(NewGuid(3));
        var request = ServiceDeskIntake.RaiseServiceRequest(interaction, id, agent, item, _clock);
        await _engine.ServiceRequests.SaveAsync(request, _ct).ConfigureAwait(false);
        await _engine.Interactions.SaveAsync(interaction, _ct).ConfigureAwait(false);
        _commands += 2;
        _requests++;
        Track(ServiceRequest.RecordType, id.ToString(), request.TicketHistory);
        Schedule(AfterBusiness(Exponential(0.5)), () => RequestStepAsync(id));
    }

    private async Task AlertAsync()
    {
        var service = PickService();
        var monitoring = ServiceDeskModel.Monitoring;
        var interactionId = new InteractionId(NewGuid(1));
        string description = "Alert: " + service.Name + " health check failing";
        await _engine.Interactions.CreateAsync(_tenant, interactionId, monitoring,
            clock => Interaction.Log(_tenant, interactionId, monitoring, Channel.Monitoring, "monitoring", description, clock), null, _ct).ConfigureAwait(false);
        _commands++;
        _interactions++;
        _alerts++;
        var severity = (_random.NextDouble() < 0.3 ? Impact.Medium : Impact.Low, _random.NextDouble() < 0.3 ? Urgency.High : Urgency.Medium);
        await RaiseIncidentAsync(interactionId, monitoring, service, mayResolveOnFirstContact: false, recurring: false, parent: null, severity).ConfigureAwait(false);
    }

    // ------------------------------------------------------------------ incidents

    private async Task IncidentStepAsync(IncidentId id)
    {
        var incident = await _engine.Incidents.GetAsync(_tenant, id, _ct).ConfigureAwait(false);
        var group = GroupOf(incident.AssignmentGroup ?? GroupFor(incident.Service));
        var resolver = incident.AssignedTo is { } assignee ? group.Members.FirstOrDefault(m => m.Id == assignee) ?? Pick(group.Members) : Pick(group.Members);
        var caller = new Actor(incident.CallerId, "caller");
        switch (incident.State)
        {
            case IncidentState.New:
            {
                var agent = DeskAgent();
                var chosen = Pick(group.Members);
                incident = await IncidentCommandAsync(id, agent, "Assign", i => i.Assign(agent, group.Name, chosen.Id)).ConfigureAwait(false);
                if (incident.IsMajor || incident.ParentId is not null)
                {
                    return; // the major incident's story resolves it
                }

                if (incident.ShortDescription == ServiceDeskModel.RecurringSymptom && _openProblem is { } problem)
                {
                    Schedule(AfterBusiness(0.5), () => LinkToProblemAsync(id, problem));
                    return;
                }

                Schedule(AfterBusiness(Exponential(ResolutionMeanHours(incident.Priority))), () => IncidentStepAsync(id));
                return;
            }

            case IncidentState.InProgress:
            {
                if (incident.IsMajor || incident.ParentId is not null)
                {
                    return;
                }

                bool heldBefore = incident.TicketHistory.Any(c => c.Snapshot.State == nameof(IncidentState.OnHold));
                bool escalated = incident.AssignmentGroup == ServiceDeskModel.SecondLineGroup;
                double roll = _random.NextDouble();
                if (!heldBefore && roll < 0.18)
                {
                    await IncidentCommandAsync(id, resolver, "PutOnHold", i => i.PutOnHold(resolver, OnHoldReason.AwaitingCaller, "Could you send a screenshot of the error?")).ConfigureAwait(false);
                    Schedule(AfterBusiness(Exponential(4)), () => IncidentStepAsync(id));
                }
                else if (!heldBefore && roll < 0.23)
                {
                    await IncidentCommandAsync(id, resolver, "PutOnHold", i => i.PutOnHold(resolver, OnHoldReason.AwaitingVendor, "Logged with the vendor.")).ConfigureAwait(false);
                    Schedule(AfterBusiness(Exponential(8)), () => IncidentStepAsync(id));
                }
                else if (!escalated && roll < 0.33)
                {
                    await IncidentCommandAsync(id, resolver, "EscalateFunctionally", i => i.EscalateFunctionally(resolver, ServiceDeskModel.SecondLineGroup, "Needs second-line investigation.")).ConfigureAwait(false);
                    Schedule(AfterBusiness(Exponential(ResolutionMeanHours(incident.Priority))), () => IncidentStepAsync(id));
                }
                else
                {
                    var code = Chance(0.3) ? IncidentResolutionCode.SolvedWorkaround : IncidentResolutionCode.SolvedPermanently;
                    await IncidentCommandAsync(id, resolver, "Resolve", i => i.Resolve(resolver, code, "Fixed and confirmed with the caller.")).ConfigureAwait(false);
                    await AfterResolvedAsync(id).ConfigureAwait(false);
                }

                return;
            }

            case IncidentState.OnHold:
                switch (incident.OnHoldReason)
                {
                    case OnHoldReason.AwaitingCaller:
                        await IncidentCommandAsync(id, caller, "RecordCallerResponse", i => i.RecordCallerResponse(caller, "Screenshot attached.")).ConfigureAwait(false);
                        Schedule(AfterBusiness(Exponential(ResolutionMeanHours(incident.Priority) / 2)), () => IncidentStepAsync(id));
                        break;
                    case OnHoldReason.AwaitingProblem:
                        break; // resolved with its problem
                    default:
                        await IncidentCommandAsync(id, resolver, "Resume", i => i.Resume(resolver)).ConfigureAwait(false);
                        Schedule(AfterBusiness(Exponential(ResolutionMeanHours(incident.Priority) / 2)), () => IncidentStepAsync(id));
                        break;
                }

                return;

            case IncidentState.Resolved:
                await AfterResolvedAsync(id).ConfigureAwait(false);
                return;
        }
    }

    // A resolved incident: the caller may reopen it (once); otherwise it closes automatically,
    // a major incident after its post-incident review.
    private async Task AfterResolvedAsync(IncidentId id)
    {
        var incident = await _engine.Incidents.GetAsync(_tenant, id, _ct).ConfigureAwait(false);
        if (incident.State != IncidentState.Resolved)
        {
            return;
        }

        if (incident.IsMajor)
        {
            Schedule(AfterBusiness(16), () => MajorReviewAsync(id));
            return;
        }

        int resolutions = incident.TicketHistory.Count(c => c.Snapshot.State == nameof(IncidentState.Resolved));
        bool byOthers = incident.ResolutionCode is IncidentResolutionCode.ResolvedByParent or IncidentResolutionCode.ResolvedByProblem;
        if (resolutions == 1 && !byOthers && incident.CallerId != "monitoring" && Chance(0.08))
        {
            Schedule(AfterBusiness(Math.Min(12, Exponential(5))), async () =>
            {
                var caller = new Actor(incident.CallerId, "caller");
                await IncidentCommandAsync(id, caller, "Reopen", i => i.Reopen(caller, "It is happening again.")).ConfigureAwait(false);
                _reopens++;
                Schedule(AfterBusiness(Exponential(ResolutionMeanHours(incident.Priority) / 2)), () => IncidentStepAsync(id));
            });
            return;
        }

        if (ServiceDeskModel.AutoClosePolicy.DueAt(incident, _calendar) is { } due)
        {
            Schedule(due + Duration.FromMinutes(15), () => AutoCloseAsync(id));
        }
    }

    private async Task AutoCloseAsync(IncidentId id)
    {
        var system = ServiceDeskModel.AutoClose;
        await IncidentCommandAsync(id, system, "Close", i => ServiceDeskModel.AutoClosePolicy.CloseIfDue(i, _calendar, system, Now)).ConfigureAwait(false);
    }

    // ------------------------------------------------------------------ major incident

    private void ScheduleMajorIncidentStory()
    {
        // Around 40% into the run, on a working day at 10:12, the mail relay goes down.
        var date = _firstDay.PlusDays((int)(_settings.Days * 0.4));
        for (int i = 0; i < 7 && _calendar.GetWorkingIntervals(date).Count == 0; i++)
        {
            date = date.PlusDays(1);
        }

        var at = date.At(new LocalTime(10, 12)).InZoneLeniently(_calendar.Zone).ToInstant();
        Schedule(at, MajorIncidentAsync);
    }

    private async Task MajorIncidentAsync()
    {
        var monitoring = ServiceDeskModel.Monitoring;
        var email = ServiceDeskModel.Services.First(s => s.Name == "Email");
        var interactionId = new InteractionId(NewGuid(1));
        await _engine.Interactions.CreateAsync(_tenant, interactionId, monitoring,
            clock => Interaction.Log(_tenant, interactionId, monitoring, Channel.Monitoring, "monitoring", "Alert: mail relay refuses connections", clock), null, _ct).ConfigureAwait(false);
        _commands++;
        _interactions++;
        _alerts++;
        var interaction = await _engine.Interactions.GetAsync(_tenant, interactionId, _ct).ConfigureAwait(false);
        var id = new IncidentId(NewGuid(2));
        var incident = ServiceDeskIntake.RaiseIncident(interaction, id, monitoring, Impact.High, Urgency.High, _clock, _engine.Options.Incidents, email.Name);
        await SaveIncidentAsync(incident).ConfigureAwait(false);
        await _engine.Interactions.SaveAsync(interaction, _ct).ConfigureAwait(false);
        _commands++;
        _incidents++;
        _majors++;
        _children[id] = [];

        var manager = ServiceDeskModel.IncidentManager;
        var messaging = GroupOf(email.Group);
        Schedule(AfterWall(4), () => IncidentCommandAsync(id, manager, "Assign", i => i.Assign(manager, messaging.Name, messaging.Members[0].Id)));
        Schedule(AfterWall(9), () => IncidentCommandAsync(id, manager, "PromoteToMajor", i => i.PromoteToMajor(manager, "Company-wide email outage.")));

        // Users call in about it: each call becomes a child of the major incident.
        int calls = 4 + _random.Next(4);
        for (int c = 0; c < calls; c++)
        {
            var callAt = AfterWall(12 + _random.Next(100));
            int caller = _random.Next(1, ServiceDeskModel.Employees + 1);
            Schedule(callAt, async () =>
            {
                var agent = DeskAgent();
                var callId = new InteractionId(NewGuid(1));
                await _engine.Interactions.CreateAsync(_tenant, callId, agent,
                    clock => Interaction.Log(_tenant, callId, agent, Channel.Phone, ServiceDeskModel.CallerId(caller), "Cannot send or receive email", clock), null, _ct).ConfigureAwait(false);
                _commands++;
                _interactions++;
                await RaiseIncidentAsync(callId, agent, email, mayResolveOnFirstContact: false, recurring: false, parent: id, (Impact.Medium, Urgency.High)).ConfigureAwait(false);
            });
        }

        Schedule(AfterBusiness(2.5 + _random.NextDouble()), () => ResolveMajorAsync(id));
    }

    // Multi-record operation: the major incident and its children, loaded and saved one by one.
    private async Task ResolveMajorAsync(IncidentId id)
    {
        var parent = await _engine.Incidents.GetAsync(_tenant, id, _ct).ConfigureAwait(false);
        if (parent.State is not (IncidentState.New or IncidentState.InProgress or IncidentState.OnHold))
        {
            return;
        }

        var children = new List<Incident>();
        foreach (var childId in _children.TryGetValue(id, out var list) ? list : [])
        {
            children.Add(await _engine.Incidents.GetAsync(_tenant, childId, _ct).ConfigureAwait(false));
        }

        var resolver = GroupOf(parent.AssignmentGroup).Members[0];
        var resolved = MajorIncidentResolution.ResolveWithChildren(parent, children, resolver, IncidentResolutionCode.SolvedPermanently, "Mail relay certificate renewed; queues flushed.");
        await SaveIncidentAsync(parent).ConfigureAwait(false);
        foreach (var child in resolved)
        {
            await SaveIncidentAsync(child).ConfigureAwait(false);
            await AfterResolvedAsync(child.Id).ConfigureAwait(false);
        }

        await AfterResolvedAsync(id).ConfigureAwait(false);
    }

    private async Task MajorReviewAsync(IncidentId id)
    {
        var manager = ServiceDeskModel.IncidentManager;
        var incident = await _engine.Incidents.GetAsync(_tenant, id, _ct).ConfigureAwait(false);
        if (incident.State != IncidentState.Resolved)
        {
            return;
        }

        if (!incident.HasPostIncidentReview)
        {
            await IncidentCommandAsync(id, manager, "RecordPostIncidentReview", i => i.RecordPostIncidentReview(manager,
                "Root cause: expired relay certificate. Actions: certificate expiry monitoring, runbook for relay failover.")).ConfigureAwait(false);
        }

        Schedule(AfterBusiness(4), () => IncidentCommandAsync(id, manager, "Close", i => i.Close(manager)));
    }

    // ------------------------------------------------------------------ service requests

    private async Task RequestStepAsync(ServiceRequestId id)
    {
        var request = await _engine.ServiceRequests.GetAsync(_tenant, id, _ct).ConfigureAwait(false);
        var agent = DeskAgent();
        var fulfiller = Pick(GroupOf("End User Computing").Members);
        double fulfilHours = ServiceDeskModel.Catalog.FirstOrDefault(c => c.Item.Id == request.Item.Id).FulfilHours;
        switch (request.State)
        {
            case ServiceRequestState.Submitted when request.Item.RequiresApproval:
                await RequestCommandAsync(id, agent, "RequestApproval", r => r.RequestApproval(agent)).ConfigureAwait(false);
                Schedule(AfterBusiness(Exponential(3)), () => RequestStepAsync(id));
                break;
            case ServiceRequestState.Submitted:
                await RequestCommandAsync(id, fulfiller, "StartFulfilment", r => r.StartFulfilment(fulfiller)).ConfigureAwait(false);
                Schedule(AfterBusiness(Exponential(Math.Max(0.25, fulfilHours))), () => RequestStepAsync(id));
                break;
            case ServiceRequestState.AwaitingApproval:
            {
                var approver = Pick(ServiceDeskModel.Approvers);
                if (Chance(0.1))
                {
                    await RequestCommandAsync(id, approver, "Reject", r => r.Reject(approver, "Not in this quarter's budget.")).ConfigureAwait(false);
                }
                else
                {
                    await RequestCommandAsync(id, approver, "Approve", r => r.Approve(approver, "Approved.")).ConfigureAwait(false);
                    Schedule(AfterBusiness(Exponential(Math.Max(0.25, fulfilHours))), () => RequestStepAsync(id));
                }

                break;
            }

            case ServiceRequestState.Fulfilling:
                await RequestCommandAsync(id, fulfiller, "Fulfil", r => r.Fulfil(fulfiller, "Delivered and confirmed.")).ConfigureAwait(false);
                Schedule(AfterBusiness(4 + Exponential(6)), () => RequestStepAsync(id));
                break;
            case ServiceRequestState.Fulfilled:
                await RequestCommandAsync(id, agent, "Close", r => r.Close(agent)).ConfigureAwait(false);
                break;
        }
    }

    // ------------------------------------------------------------------ problem and change

    private async Task OpenProblemAsync()
    {
        var manager = ServiceDeskModel.ProblemManager;
        var id = new ProblemId(NewGuid(4));
        await _engine.Problems.CreateAsync(_tenant, id, manager,
            clock => Problem.Open(_tenant, id, manager, ServiceDeskModel.RecurringSymptom, clock, ServiceDeskModel.RecurringService), null, _ct).ConfigureAwait(false);
        _commands++;
        _problems++;
        _openProblem = id;
        foreach (var incidentId in _recurring.ToArray())
        {
            await LinkToProblemAsync(incidentId, id).ConfigureAwait(false);
        }

        Schedule(AfterBusiness(2), () => ProblemStepAsync(id));
    }

    private async Task LinkToProblemAsync(IncidentId incidentId, ProblemId problemId)
    {
        var manager = ServiceDeskModel.ProblemManager;
        var problem = await _engine.Problems.GetAsync(_tenant, problemId, _ct).ConfigureAwait(false);
        if (!problem.LinkedIncidents.Contains(incidentId) && problem.Permits(ProblemCommand.LinkIncident))
        {
            await ProblemCommandAsync(problemId, manager, "LinkIncident", p => p.LinkIncident(manager, incidentId)).ConfigureAwait(false);
        }

        var incident = await _engine.Incidents.GetAsync(_tenant, incidentId, _ct).ConfigureAwait(false);
        if (incident.State is IncidentState.Closed or IncidentState.Canceled)
        {
            return;
        }

        await IncidentCommandAsync(incidentId, manager, "LinkProblem", i => i.LinkProblem(manager, problemId.ToString())).ConfigureAwait(false);
        if (incident.State is IncidentState.New or IncidentState.InProgress)
        {
            var resolver = Pick(GroupOf(incident.AssignmentGroup ?? GroupFor(incident.Service)).Members);
            await IncidentCommandAsync(incidentId, resolver, "PutOnHold", i => i.PutOnHold(resolver, OnHoldReason.AwaitingProblem, "Known problem; waiting for the fix.")).ConfigureAwait(false);
        }
    }

    private async Task ProblemStepAsync(ProblemId id)
    {
        var manager = ServiceDeskModel.ProblemManager;
        var problem = await _engine.Problems.GetAsync(_tenant, id, _ct).ConfigureAwait(false);
        switch (problem.State)
        {
            case ProblemState.New:
                await ProblemCommandAsync(id, manager, "Assess", p => p.Assess(manager)).ConfigureAwait(false);
                Schedule(AfterBusiness(2), () => ProblemStepAsync(id));
                break;
            case ProblemState.Assess:
                await ProblemCommandAsync(id, manager, "StartRootCauseAnalysis", p => p.StartRootCauseAnalysis(manager)).ConfigureAwait(false);
                Schedule(AfterBusiness(4 + Exponential(4)), () => ProblemStepAsync(id));
                break;
            case ProblemState.RootCauseAnalysis when problem.RootCause is null:
                await ProblemCommandAsync(id, manager, "RecordRootCause", p => p.RecordRootCause(manager, "VPN concentrator firmware 9.1 drops idle IPsec tunnels after 300 s.")).ConfigureAwait(false);
                Schedule(AfterBusiness(1), () => ProblemStepAsync(id));
                break;
            case ProblemState.RootCauseAnalysis when problem.Workaround is null:
                await ProblemCommandAsync(id, manager, "DocumentWorkaround", p => p.DocumentWorkaround(manager, "Switch the VPN client to SSL mode.")).ConfigureAwait(false);
                Schedule(AfterBusiness(1), () => ProblemStepAsync(id));
                break;
            case ProblemState.RootCauseAnalysis when problem.KnownError is null:
                await ProblemCommandAsync(id, manager, "MarkAsKnownError", p => p.MarkAsKnownError(manager, ServiceDeskModel.RecurringSymptom, ["vpn-concentrator-01"])).ConfigureAwait(false);
                Schedule(AfterBusiness(2), () => ProblemStepAsync(id));
                break;
            case ProblemState.RootCauseAnalysis:
                await ProblemCommandAsync(id, manager, "StartFix", p => p.StartFix(manager)).ConfigureAwait(false);
                Schedule(AfterBusiness(1), () => ProblemStepAsync(id));
                break;
            case ProblemState.FixInProgress when problem.Changes.Count == 0:
                await RaiseChangeAsync(problem).ConfigureAwait(false);
                break;
            case ProblemState.FixInProgress:
            {
                foreach (var changeText in problem.Changes)
                {
                    var change = await _engine.Changes.FindAsync(_tenant, new ChangeId(Guid.Parse(changeText)), _ct).ConfigureAwait(false);
                    if (change is not null && change.State is not (ChangeState.Closed or ChangeState.Canceled))
                    {
                        _changeProblem[change.Id] = id;
                        return; // the change's close brings the problem back
                    }
                }

                await ResolveProblemAsync(id).ConfigureAwait(false);
                break;
            }

            case ProblemState.Resolved:
                await ProblemCommandAsync(id, manager, "Close", p => p.Close(manager)).ConfigureAwait(false);
                break;
        }
    }

    // Multi-record operation: the problem and the incidents waiting for it, saved one by one.
    private async Task ResolveProblemAsync(ProblemId id)
    {
        var manager = ServiceDeskModel.ProblemManager;
        var problem = await _engine.Problems.GetAsync(_tenant, id, _ct).ConfigureAwait(false);
        var incidents = new List<Incident>();
        foreach (var incidentId in problem.LinkedIncidents)
        {
            if (await _engine.Incidents.FindAsync(_tenant, incidentId, _ct).ConfigureAwait(false) is { } incident)
            {
                incidents.Add(incident);
            }
        }

        var resolved = ProblemResolution.ResolveWithIncidents(problem, incidents, manager, ProblemResolutionCode.FixApplied, "Firmware 9.2 installed on the VPN concentrator.");
        await _engine.Problems.SaveAsync(problem, _ct).ConfigureAwait(false);
        _commands++;
        foreach (var incident in resolved)
        {
            await SaveIncidentAsync(incident).ConfigureAwait(false);
            await AfterResolvedAsync(incident.Id).ConfigureAwait(false);
        }

        if (_openProblem == id)
        {
            _openProblem = null;
            _recurringFixed = true;
        }

        Schedule(AfterBusiness(8), () => ProblemStepAsync(id));
    }

    private async Task RaiseChangeAsync(Problem problem)
    {
        var requester = GroupOf("Network").Members.First(m => m.HasRole("change_requester"));
        var implementer = GroupOf("Network").Members.First(m => m.HasRole("implementer"));
        var id = new ChangeId(NewGuid(5));
        await _engine.Changes.CreateAsync(_tenant, id, requester, clock => Change.Open(_tenant, id, ChangeType.Normal, requester,
            "Upgrade VPN concentrator firmware to 9.2", "Back up config; upgrade; fail over; verify tunnels for 1 h; roll back to 9.1 if drops persist.",
            [ServiceDeskModel.RecurringService], ["vpn-concentrator-01"], clock, implementer.Id, RejectionPolicy.ReturnToNew, ServiceDeskModel.ChangeAuthority), null, _ct).ConfigureAwait(false);
        _commands++;
        _changes++;
        var manager = ServiceDeskModel.ProblemManager;
        await ProblemCommandAsync(problem.Id, manager, "RaiseChange", p => p.RaiseChange(manager, id.ToString())).ConfigureAwait(false);
        _changeProblem[id] = problem.Id;
        Schedule(AfterBusiness(1), () => ChangeStepAsync(id));
    }

    private async Task<ChangeCalendar> ChangeCalendarAsync()
    {
        var scheduled = new List<ScheduledChange>();
        foreach (var summary in await _store.QueryAsync(_tenant, new RecordQuery { RecordType = Change.RecordType, OpenOnly = true }, _ct).ConfigureAwait(false))
        {
            if ((await _engine.Changes.GetAsync(_tenant, new ChangeId(Guid.Parse(summary.RecordId)), _ct).ConfigureAwait(false)).ToScheduledChange() is { } s)
            {
                scheduled.Add(s);
            }
        }

        // Payroll freeze over the last three days of each month of the run.
        var blackouts = new List<BlackoutWindow>();
        for (var month = _firstDay.With(DateAdjusters.StartOfMonth); _calendar.Zone.AtStartOfDay(month).ToInstant() < _runEnd + Duration.FromDays(62); month = month.PlusMonths(1))
        {
            var end = month.PlusMonths(1);
            blackouts.Add(new BlackoutWindow("Payroll month-end freeze",
                new Interval(_calendar.Zone.AtStartOfDay(end.PlusDays(-3)).ToInstant(), _calendar.Zone.AtStartOfDay(end).ToInstant()), ["Payroll"]));
        }

        return new ChangeCalendar(scheduled, blackouts, new Dictionary<string, BusinessCalendar>(StringComparer.Ordinal) { [ServiceDeskModel.RecurringService] = ServiceDeskModel.VpnMaintenance });
    }

    private async Task ChangeStepAsync(ChangeId id)
    {
        var change = await _engine.Changes.GetAsync(_tenant, id, _ct).ConfigureAwait(false);
        var requester = GroupOf("Network").Members.First(m => m.HasRole("change_requester"));
        var implementer = GroupOf("Network").Members.First(m => m.HasRole("implementer"));
        switch (change.State)
        {
            case ChangeState.New:
                await ChangeCommandAsync(id, requester, "Submit", c => c.Submit(requester)).ConfigureAwait(false);
                Schedule(AfterBusiness(1), () => ChangeStepAsync(id));
                break;
            case ChangeState.Assess when change.RiskAssessment is null:
                await ChangeCommandAsync(id, requester, "AssessRisk", c => c.AssessRisk(requester, ServiceDeskModel.RiskPolicy,
                    new Dictionary<string, string> { ["users"] = "everyone", ["tested"] = "yes" }, causesOutage: true)).ConfigureAwait(false);
                Schedule(AfterBusiness(1), () => ChangeStepAsync(id));
                break;
            case ChangeState.Assess:
                await ChangeCommandAsync(id, requester, "RequestAuthorization", c => c.RequestAuthorization(requester)).ConfigureAwait(false);
                Schedule(AfterBusiness(2 + Exponential(3)), () => ChangeStepAsync(id));
                break;
            case ChangeState.Authorize when !change.HasRequiredApprovals:
            {
                var approver = ServiceDeskModel.ChangeAdvisoryBoard.First(m => change.Approvals.All(a => a.ApproverId != m.Id));
                await ChangeCommandAsync(id, approver, "Approve", c => c.Approve(approver)).ConfigureAwait(false);
                Schedule(AfterBusiness(1 + Exponential(3)), () => ChangeStepAsync(id));
                break;
            }

            case ChangeState.Authorize:
            {
                var calendar = await ChangeCalendarAsync().ConfigureAwait(false);
                var candidate = new ScheduledChange(id, change.Type, new Interval(Now, Now + Duration.FromHours(2)), change.Services, change.ConfigurationItems);
                var slot = calendar.FindNextFreeSlot(candidate, Now + Duration.FromDays(1), Now + Duration.FromDays(45))
                    ?? throw new InvalidOperationException($"No free slot for change {id} within 45 days.");
                await ChangeCommandAsync(id, requester, "Schedule", c => c.Schedule(requester, slot, calendar)).ConfigureAwait(false);
                Schedule(slot.Start, () => ChangeStepAsync(id));
                break;
            }

            case ChangeState.Scheduled:
                await ChangeCommandAsync(id, implementer, "StartImplementation", c => c.StartImplementation(implementer)).ConfigureAwait(false);
                Schedule(change.Window!.Value.End, () => ChangeStepAsync(id));
                break;
            case ChangeState.Implement:
                await ChangeCommandAsync(id, implementer, "CompleteImplementation", c => c.CompleteImplementation(implementer)).ConfigureAwait(false);
                Schedule(AfterBusiness(2), () => ChangeStepAsync(id));
                break;
            case ChangeState.Review:
            {
                var manager = ServiceDeskModel.ChangeManager;
                await ChangeCommandAsync(id, manager, "Close", c => c.Close(manager, ChangeReviewOutcome.Successful, "No VPN drops in 24 h after the upgrade.")).ConfigureAwait(false);
                if (_changeProblem.TryGetValue(id, out var problem))
                {
                    Schedule(AfterBusiness(1), () => ProblemStepAsync(problem));
                }

                break;
            }
        }
    }

    // ------------------------------------------------------------------ continuation

    private async Task PickUpAsync()
    {
        var open = await _store.QueryAsync(_tenant, new RecordQuery { OpenOnly = true }, _ct).ConfigureAwait(false);
        foreach (var summary in open)
        {
            var guid = Guid.Parse(summary.RecordId);
            var at = _runStart + Duration.FromMinutes(1 + _random.Next(600));
            switch (summary.RecordType)
            {
                case Incident.RecordType:
                {
                    var id = new IncidentId(guid);
                    var incident = await _engine.Incidents.GetAsync(_tenant, id, _ct).ConfigureAwait(false);
                    if (incident.ParentId is { } parent && incident.State is IncidentState.New or IncidentState.InProgress or IncidentState.OnHold)
                    {
                        (_children.TryGetValue(parent, out var list) ? list : _children[parent] = []).Add(id);
                        continue;
                    }

                    if (incident.IsMajor)
                    {
                        _children.TryAdd(id, []);
                        Schedule(_calendar.NextWorkingInstant(at), incident.State == IncidentState.Resolved ? () => MajorReviewAsync(id) : () => ResolveMajorAsync(id));
                    }
                    else if (incident.State == IncidentState.OnHold && incident.OnHoldReason == OnHoldReason.AwaitingProblem)
                    {
                        // Its problem resolves it.
                    }
                    else
                    {
                        Schedule(_calendar.NextWorkingInstant(at), () => IncidentStepAsync(id));
                    }

                    _pickedUp++;
                    break;
                }

                case ServiceRequest.RecordType:
                {
                    var id = new ServiceRequestId(guid);
                    Schedule(_calendar.NextWorkingInstant(at), () => RequestStepAsync(id));
                    _pickedUp++;
                    break;
                }

                case Problem.RecordType:
                {
                    var id = new ProblemId(guid);
                    var problem = await _engine.Problems.GetAsync(_tenant, id, _ct).ConfigureAwait(false);
                    if (problem.ShortDescription == ServiceDeskModel.RecurringSymptom && problem.State is not ProblemState.Resolved)
                    {
                        _openProblem = id;
                        _problemOpenedThisRun = true;
                    }

                    _recurringFixed |= problem.ShortDescription == ServiceDeskModel.RecurringSymptom && problem.State == ProblemState.Resolved;

                    Schedule(_calendar.NextWorkingInstant(at), () => ProblemStepAsync(id));
                    _pickedUp++;
                    break;
                }

                case Change.RecordType:
                {
                    var id = new ChangeId(guid);
                    var change = await _engine.Changes.GetAsync(_tenant, id, _ct).ConfigureAwait(false);
                    var when = change.State == ChangeState.Scheduled && change.Window is { } w && w.Start > at ? w.Start : _calendar.NextWorkingInstant(at);
                    Schedule(when, () => ChangeStepAsync(id));
                    _pickedUp++;
                    break;
                }
            }
        }

        // A closed problem fixed the recurring symptom for good.
        foreach (var summary in await _store.QueryAsync(_tenant, new RecordQuery { RecordType = Problem.RecordType, State = nameof(ProblemState.Closed) }, _ct).ConfigureAwait(false))
        {
            var problem = await _engine.Problems.GetAsync(_tenant, new ProblemId(Guid.Parse(summary.RecordId)), _ct).ConfigureAwait(false);
            _recurringFixed |= problem.ShortDescription == ServiceDeskModel.RecurringSymptom;
        }

        // Problems know their changes; changes learn their problem from them.
        foreach (var summary in open.Where(s => s.RecordType == Problem.RecordType))
        {
            var problem = await _engine.Problems.GetAsync(_tenant, new ProblemId(Guid.Parse(summary.RecordId)), _ct).ConfigureAwait(false);
            foreach (var change in problem.Changes)
            {
                _changeProblem[new ChangeId(Guid.Parse(change))] = problem.Id;
            }
        }

        // The SLA due list, as a host loads it at startup.
        foreach (var summary in await _store.QueryAsync(_tenant, new RecordQuery { OpenOnly = true, WithSlaDueOnly = true }, _ct).ConfigureAwait(false))
        {
            var key = Key(summary.RecordType, summary.RecordId);
            _due.Schedule(key, summary.Index.SlaDueAt);
            _dueScheduled[key] = summary.Index.SlaDueAt!.Value;
        }
    }

    // ------------------------------------------------------------------ report

    private async Task<SimulationReport> BuildReportAsync(bool continued, int entriesBefore, Stopwatch stopwatch)
    {
        var period = new Interval(_runStart, _runEnd);
        var entries = await _store.ReadAuditAsync(_tenant, new Interval(Origin, _runEnd), _ct).ConfigureAwait(false);
        var all = await _store.ReadAuditAsync(_tenant, new Interval(Origin, BusinessCalendar.MaxSupportedInstant), _ct).ConfigureAwait(false);
        var records = await _store.QueryAsync(_tenant, new RecordQuery(), _ct).ConfigureAwait(false);

        var outcomes = new List<(string AgreementId, SlaStatus Status)>();
        var compliance = new Dictionary<(string, string), (int Achieved, int Breached)>();
        var breaches = new List<SlaBreach>();
        foreach (var summary in records)
        {
            IReadOnlyList<TicketChange> history;
            string title;
            var guid = Guid.Parse(summary.RecordId);
            if (summary.RecordType == Incident.RecordType)
            {
                var incident = await _engine.Incidents.GetAsync(_tenant, new IncidentId(guid), _ct).ConfigureAwait(false);
                (history, title) = (incident.TicketHistory, incident.ShortDescription);
            }
            else if (summary.RecordType == ServiceRequest.RecordType)
            {
                var request = await _engine.ServiceRequests.GetAsync(_tenant, new ServiceRequestId(guid), _ct).ConfigureAwait(false);
                (history, title) = (request.TicketHistory, "Request: " + request.Item.Id);
            }
            else
            {
                continue;
            }

            foreach (var clock in _tracker.Track(history))
            {
                var status = clock.Evaluate(ServiceDeskModel.Calendars, _runEnd);
                outcomes.Add((clock.Agreement.Id, status));
                if (!status.IsActive && status.EndedAt is { } ended && ended >= _runStart && ended < _runEnd && status.Stage is SlaStage.Achieved or SlaStage.Breached)
                {
                    var k = (clock.Agreement.Id, clock.Target.Metric.Name);
                    compliance.TryGetValue(k, out var c);
                    compliance[k] = status.Stage == SlaStage.Achieved ? (c.Achieved + 1, c.Breached) : (c.Achieved, c.Breached + 1);
                }

                bool inPeriod = status.EndedAt is not { } end || end >= _runStart;
                if (inPeriod && status.Stage == SlaStage.Breached && status.BusinessElapsed > status.Target)
                {
                    breaches.Add(new SlaBreach(summary.RecordType, summary.RecordId, title, clock.Priority, clock.Agreement.Id, clock.Target.Metric.Name,
                        status.Target, status.BusinessElapsed - status.Target, status.IsActive));
                }
            }
        }

        var kpis = KpiCalculator.Compute(entries, _tenant, period, outcomes, _calendar);
        return new SimulationReport
        {
            Settings = _settings,
            DatabasePath = Path.GetFullPath(_settings.DatabasePath),
            Tenant = _tenant,
            Period = period,
            FirstDay = _firstDay,
            LastDay = _firstDay.PlusDays(_settings.Days - 1),
            Continued = continued,
            Kpis = kpis,
            Compliance = compliance.OrderBy(p => p.Key.Item1, StringComparer.Ordinal).ThenBy(p => p.Key.Item2, StringComparer.Ordinal)
                .Select(p => new TargetCompliance(p.Key.Item1, p.Key.Item2, p.Value.Achieved, p.Value.Breached)).ToArray(),
            Backlog = _backlog.ToArray(),
            TopBreaches = breaches.OrderByDescending(b => b.Late).ThenBy(b => b.RecordId, StringComparer.Ordinal).Take(10).ToArray(),
            Activity = new RunActivity
            {
                Interactions = _interactions,
                Incidents = _incidents,
                ServiceRequests = _requests,
                Answered = _answered,
                ResolvedOnFirstContact = _fcr,
                Alerts = _alerts,
                MajorIncidents = _majors,
                Problems = _problems,
                Changes = _changes,
                Reopens = _reopens,
                SlaWarnings = _warnings,
                SlaBreaches = _breaches,
                PickedUp = _pickedUp,
                Commands = _commands,
            },
            RecordCounts = records.GroupBy(r => r.RecordType, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            AuditEntries = all.Count,
            AuditEntriesThisRun = all.Count - entriesBefore,
            Elapsed = stopwatch.Elapsed,
        };
    }
}

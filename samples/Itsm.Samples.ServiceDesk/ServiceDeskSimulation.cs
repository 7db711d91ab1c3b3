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
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Persistence.Sqlite;
using Itsm.Problems;
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
public sealed partial class ServiceDeskSimulation
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

    // Who reads queues and records for the simulation's own decisions (see ServiceDeskModel.Dispatcher).
    private static readonly Actor Dispatcher = ServiceDeskModel.Dispatcher;

    private readonly SimulationSettings _settings;
    private readonly IProgress<SimulationProgress>? _progress;
    private readonly TenantId _tenant;
    private readonly BusinessCalendar _calendar = ServiceDeskModel.Calendar;
    private readonly PriorityQueue<Func<Task>, (Instant At, int Order, long Seq)> _queue = new();
    private readonly SlaDueList<string> _due = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Instant> _dueScheduled = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Instant> _lastChecked = new(StringComparer.Ordinal);
    private readonly Dictionary<IncidentId, List<IncidentId>> _children = [];
    private readonly Dictionary<ChangeId, ProblemId> _changeProblem = [];
    private readonly List<DailyBacklog> _backlog = [];
    private readonly DeskAuthorizer _authorizer = new();
    private SqliteAggregateStore _store = null!;
    private ItsmEngine _engine = null!;
    private SimulationClock _clock = null!;
    private Random _random = null!;
    private CancellationToken _ct;
    private Instant _runStart;
    private Instant _historyStart;
    private Instant _runEnd;
    private LocalDate _firstDay;
    private short _idDay;
    private int _idCounter;
    private long _seq;
    private int _day;

    // Activity counters.
    private int _interactions, _incidents, _requests, _answered, _fcr, _alerts, _majors, _problems, _changes, _reopens, _warnings, _breaches, _pickedUp, _commands;
    private int _workarounds, _failedChanges, _causedIncidents, _improvements;

    // Whether this run has shown a change of hold reason yet (it does once).
    private bool _holdReasonChanged;

    private ServiceDeskSimulation(SimulationSettings settings, IProgress<SimulationProgress>? progress)
    {
        _settings = settings;
        _progress = progress;
        _tenant = new TenantId(settings.Tenant);
        _defects = ServiceDeskModel.Defects.Select(d => new DefectState(d)).ToArray();
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
        else if (Path.GetDirectoryName(Path.GetFullPath(settings.DatabasePath)) is { } folder && !Directory.Exists(folder))
        {
            // A typo in a path should not silently create directories: the user creates it.
            errors.Add($"The directory of the database '{settings.DatabasePath}' does not exist ({folder}); create it first.");
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
        _historyStart = continued ? before[0].At : _runStart;

        // One Random per (seed, first day): a continuation draws other numbers, and its ids carry its day.
        int epochDay = Period.Between(new LocalDate(1970, 1, 1), _firstDay, PeriodUnits.Days).Days;
        _idDay = unchecked((short)epochDay);
        _random = new Random(unchecked((_settings.Seed * 1_000_003) ^ epochDay));
        _clock = new SimulationClock(_runStart);
        _engine = new ItsmEngine(_store, _authorizer, _clock, ServiceDeskModel.EngineOptions());

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

        // The store keeps its connections (and the file) open until it is disposed.
        await _store.DisposeAsync().ConfigureAwait(false);
        return report;
    }
}

using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Persistence;

namespace Itsm.Diagnostics;

/// <summary>
/// The engine's activity and instruments (see <see cref="ItsmTelemetry.EngineName"/>). A command is observed
/// only while someone listens; otherwise the engine runs it directly, with no closure or timestamp.
/// </summary>
internal sealed class EngineTelemetry
{
    internal const string CommandActivity = "itsm.command";
    internal const string CommandDuration = "itsm.command.duration";
    internal const string CommandConflicts = "itsm.command.conflicts";
    internal const string CommandRefusals = "itsm.command.refusals";

    internal const string RecordTypeTag = "itsm.record_type";
    internal const string CommandTag = "itsm.command";
    internal const string OutcomeTag = "itsm.outcome";
    internal const string ErrorTypeTag = "error.type";
    internal const string TenantTag = "itsm.tenant";
    internal const string RecordIdTag = "itsm.record_id";

    private static readonly string? Version = typeof(EngineTelemetry).Assembly.GetName().Version?.ToString();
    private static readonly ActivitySource Source = new(ItsmTelemetry.EngineName, Version);
    private static readonly Meter Meter = new(ItsmTelemetry.EngineName, Version);

    private static readonly Histogram<double> Duration = TelemetryAdvice.DurationHistogram(
        Meter, CommandDuration, "How long commands took, end to end (load, authorize, run, save, publish), by record type, command and outcome.");

    private static readonly Counter<long> Conflicts = Meter.CreateCounter<long>(
        CommandConflicts, "{conflict}", "Commands that failed with a concurrency conflict (the record changed, or was not at the expected version).");

    private static readonly Counter<long> Refusals = Meter.CreateCounter<long>(
        CommandRefusals, "{refusal}", "Commands the record's lifecycle or rules refused (an invalid transition, a broken rule, a reused idempotency key, a reservation conflict), by error code.");

    /// <summary>An engine's telemetry without the tenant on its activities.</summary>
    internal static readonly EngineTelemetry Default = new(traceTenant: false);

    private readonly bool _traceTenant;

    internal EngineTelemetry(bool traceTenant) => _traceTenant = traceTenant;

    /// <summary>Whether an operation over several records was an idempotent replay.</summary>
    internal static readonly Func<UnitOfWorkResult, bool> Replayed = static result => result.Replayed;

    /// <summary>Whether anyone listens to the engine's activity or instruments.</summary>
    internal static bool IsEnabled => Source.HasListeners() || Duration.Enabled || Conflicts.Enabled || Refusals.Enabled;

    /// <summary>Runs a command under its activity and measures it; <paramref name="replayed"/> tells an idempotent replay from a run.</summary>
    /// <remarks>The call's arguments travel in <paramref name="state"/> to a static <paramref name="run"/>, so the caller's unobserved path allocates no closure.</remarks>
    internal async Task<T> ObserveAsync<TState, T>(string recordType, string command, TenantId tenant, string? recordId, TState state, Func<TState, Task<T>> run, Func<T, bool> replayed)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = Source.StartActivity(CommandActivity, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.DisplayName = command + " " + recordType;
            activity.SetTag(RecordTypeTag, recordType);
            activity.SetTag(CommandTag, command);
            activity.SetTag(RecordIdTag, recordId);
            if (_traceTenant)
            {
                activity.SetTag(TenantTag, tenant.Value);
            }
        }

        try
        {
            var result = await run(state).ConfigureAwait(false);
            Record(activity, recordType, command, replayed(result) ? "replayed" : "succeeded", null, started);
            return result;
        }
        catch (Exception ex)
        {
            var (outcome, errorType) = Classify(ex);
            Record(activity, recordType, command, outcome, errorType, started);
            if (outcome == "conflict" && Conflicts.Enabled)
            {
                Conflicts.Add(1, new TagList { { RecordTypeTag, recordType }, { CommandTag, command } });
            }
            else if (outcome == "refused" && Refusals.Enabled)
            {
                Refusals.Add(1, new TagList { { RecordTypeTag, recordType }, { CommandTag, command }, { ErrorTypeTag, errorType } });
            }

            throw;
        }
    }

    /// <summary>The outcome of a command that threw, and its <c>error.type</c>: the stable code where the error has one, else the exception's type.</summary>
    internal static (string Outcome, string ErrorType) Classify(Exception exception) => exception switch
    {
        ConcurrencyException e => ("conflict", e.Code),
        ItsmAuthorizationException e => ("unauthorized", e.Code),
        InvalidTransitionException e => ("refused", e.Code),
        DomainRuleViolationException e => ("refused", e.Code),
        IdempotencyConflictException e => ("refused", e.Code),
        ReservationConflictException e => ("refused", e.Code),
        AggregateNotFoundException e => ("not_found", e.Code),
        OperationCanceledException => ("canceled", TypeName(exception)),
        ArgumentException => ("invalid", TypeName(exception)),
        PersistenceException e => ("failed", e.Code),
        EngineException e => ("failed", e.Code),
        _ => ("failed", TypeName(exception)),
    };

    private static string TypeName(Exception exception) => exception.GetType().FullName ?? exception.GetType().Name;

    private static void Record(Activity? activity, string recordType, string command, string outcome, string? errorType, long started)
    {
        if (activity is not null)
        {
            activity.SetTag(OutcomeTag, outcome);
            if (errorType is not null)
            {
                activity.SetTag(ErrorTypeTag, errorType);
                activity.SetStatus(ActivityStatusCode.Error, errorType);
            }
        }

        if (Duration.Enabled)
        {
            var tags = new TagList { { RecordTypeTag, recordType }, { CommandTag, command }, { OutcomeTag, outcome } };
            if (errorType is not null)
            {
                tags.Add(ErrorTypeTag, errorType);
            }

            Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }
}

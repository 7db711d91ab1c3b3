using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Tasks;
using Itsm.Persistence;

namespace Itsm.Diagnostics;

/// <summary>
/// The stores' activity and instruments (see <see cref="ItsmTelemetry.PersistenceName"/>), compiled into each
/// store package this project ships. A store call is observed only while someone listens; otherwise the store
/// runs it directly.
/// </summary>
internal static class StoreTelemetry
{
    internal const string ActivityPrefix = "itsm.store.";
    internal const string OperationDuration = "itsm.store.operation.duration";
    internal const string GroupCommitSize = "itsm.store.group_commit.size";

    internal const string DbSystemTag = "db.system";
    internal const string OperationTag = "db.operation.name";
    internal const string RecordTypeTag = "itsm.record_type";
    internal const string ErrorTypeTag = "error.type";

    // The operations measured, as db.operation.name and (after the prefix) the activity name.
    internal const string Load = "load";
    internal const string Save = "save";
    internal const string Commit = "commit";
    internal const string Query = "query";
    internal const string ReadHistory = "read_history";
    internal const string ReadAudit = "read_audit";
    internal const string ReadFeed = "read_feed";

    /// <summary>Every operation measured (the documentation lists each; a test compares).</summary>
    internal static readonly string[] Operations = [Load, Save, Commit, Query, ReadHistory, ReadAudit, ReadFeed];

    private static readonly string? Version = typeof(StoreTelemetry).Assembly.GetName().Version?.ToString();
    private static readonly ActivitySource Source = new(ItsmTelemetry.PersistenceName, Version);
    private static readonly Meter Meter = new(ItsmTelemetry.PersistenceName, Version);

    private static readonly Histogram<double> Duration = TelemetryAdvice.DurationHistogram(
        Meter, OperationDuration, "How long store calls took (loads, saves, unit-of-work commits, queries, history, audit and feed reads), by database system and operation.");

    private static readonly Histogram<int> GroupSize = Meter.CreateHistogram<int>(
        GroupCommitSize, "{unit}", "How many units of work one group commit wrote in one transaction.");

    /// <summary>Whether anyone listens to the stores' activity or duration histogram.</summary>
    internal static bool IsEnabled => Source.HasListeners() || Duration.Enabled;

    /// <summary>Runs a store call under its activity and measures it.</summary>
    /// <param name="dbSystem">The store's <c>db.system</c>: <c>sqlite</c>, <c>postgresql</c> or <c>memory</c>.</param>
    /// <param name="operation">The operation (one of the constants above).</param>
    /// <param name="recordType">The record type the call is about, when it names one.</param>
    /// <param name="state">The call's arguments, for <paramref name="run"/>.</param>
    /// <param name="run">The call: a static lambda over <paramref name="state"/>, so the caller's unobserved path allocates no closure.</param>
    internal static async Task<T> ObserveAsync<TState, T>(string dbSystem, string operation, string? recordType, TState state, Func<TState, Task<T>> run)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = Source.StartActivity(ActivityPrefix + operation, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.DisplayName = recordType is null ? operation : operation + " " + recordType;
            activity.SetTag(DbSystemTag, dbSystem);
            activity.SetTag(OperationTag, operation);
            activity.SetTag(RecordTypeTag, recordType);
        }

        string? errorType = null;
        try
        {
            return await run(state).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            errorType = ex is PersistenceException p ? p.Code : ex.GetType().FullName ?? ex.GetType().Name;
            if (activity is not null)
            {
                activity.SetTag(ErrorTypeTag, errorType);
                activity.SetStatus(ActivityStatusCode.Error, errorType);
            }

            throw;
        }
        finally
        {
            if (Duration.Enabled)
            {
                var tags = new TagList { { DbSystemTag, dbSystem }, { OperationTag, operation } };
                if (recordType is not null)
                {
                    tags.Add(RecordTypeTag, recordType);
                }

                if (errorType is not null)
                {
                    tags.Add(ErrorTypeTag, errorType);
                }

                Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
            }
        }
    }

    /// <summary>The record type a save is about (null while the write is missing: the store refuses it).</summary>
    internal static string? RecordTypeOf(AggregateWrite? write) => write?.RecordType;

    /// <summary>The record type a query is about, when it names one.</summary>
    internal static string? RecordTypeOf(RecordQuery? query) => query?.RecordType;

    /// <summary>Records the size of a group commit (the units one transaction wrote).</summary>
    internal static void GroupCommitted(string dbSystem, int units)
    {
        if (GroupSize.Enabled)
        {
            GroupSize.Record(units, new TagList { { DbSystemTag, dbSystem } });
        }
    }
}

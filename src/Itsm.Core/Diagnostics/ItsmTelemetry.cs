namespace Itsm.Diagnostics;

/// <summary>
/// The names under which the Itsm packages emit traces and metrics through <c>System.Diagnostics</c>
/// (<see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/>), for
/// a host to subscribe to: with OpenTelemetry, <c>tracing.AddSource(ItsmTelemetry.EngineName, ItsmTelemetry.PersistenceName)</c>
/// and <c>metrics.AddMeter(ItsmTelemetry.EngineName, ItsmTelemetry.PersistenceName, ItsmTelemetry.HostingName)</c>.
/// </summary>
/// <remarks>
/// <para>Every activity and instrument under these names, with its unit and tags, is listed in the
/// repository's <c>docs/observability.md</c>; the names are stable (renaming one is a breaking change).</para>
/// <para>Nothing is measured while nobody listens: each instrumented call checks
/// <see cref="System.Diagnostics.ActivitySource.HasListeners"/> and
/// <see cref="System.Diagnostics.Metrics.Instrument.Enabled"/> first and otherwise runs exactly as without
/// telemetry. Metric tags have bounded cardinality (record type, command, outcome, error code, database
/// system; never a record or tenant id); the tenant appears only on the engine's activities, and only with
/// <see cref="Itsm.Engine.ItsmEngineOptions.TraceTenant"/>.</para>
/// </remarks>
public static class ItsmTelemetry
{
    /// <summary>
    /// <c>"Itsm.Core"</c>: the activity source and meter of the engine (<see cref="Itsm.Engine.ItsmEngine"/>): one
    /// <c>itsm.command</c> activity per command, and the <c>itsm.command.*</c> instruments.
    /// </summary>
    public const string EngineName = "Itsm.Core";

    /// <summary>
    /// <c>"Itsm.Persistence"</c>: the activity source and meter of the stores this project ships (in memory,
    /// SQLite, PostgreSQL): one <c>itsm.store.*</c> activity per measured store call, and the
    /// <c>itsm.store.*</c> instruments, tagged with <c>db.system</c>.
    /// </summary>
    public const string PersistenceName = "Itsm.Persistence";

    /// <summary>
    /// <c>"Itsm.Hosting"</c>: the meter of the background services of <c>Itsm.Hosting</c>: the SLA worker's
    /// <c>itsm.sla.*</c> counters and the feed dispatcher's <c>itsm.feed.*</c> counters.
    /// </summary>
    public const string HostingName = "Itsm.Hosting";
}

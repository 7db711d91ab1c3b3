using NodaTime;

namespace Itsm.Samples.ServiceDesk;

/// <summary>What to simulate, and where.</summary>
public sealed record SimulationSettings
{
    /// <summary>The default database file, in the working directory.</summary>
    public const string DefaultDatabasePath = "servicedesk.db";

    /// <summary>The SQLite database file; created when missing, continued when it holds a history.</summary>
    public string DatabasePath { get; init; } = DefaultDatabasePath;

    /// <summary>How many days to simulate (1 to 3660).</summary>
    public int Days { get; init; } = 30;

    /// <summary>The random seed: the same seed on the same (empty) database gives the same history.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>The tenant the company's records live under.</summary>
    public string Tenant { get; init; } = "contoso";

    /// <summary>The first day of a run on an empty database (a later run starts the day after the stored history ends).</summary>
    public LocalDate StartDate { get; init; } = new(2026, 4, 1);

    /// <summary>
    /// Where <c>--export</c> writes the report, by extension (<see cref="ReportExport.FormatOf"/>): an
    /// <c>.html</c> page, an <c>.md</c> file, or a directory with <c>report.md</c> and the lifecycle
    /// diagrams; <see langword="null"/> for no export.
    /// </summary>
    public string? ExportPath { get; init; }
}

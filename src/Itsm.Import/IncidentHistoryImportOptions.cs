namespace Itsm.Import;

/// <summary>Settings of an <see cref="IncidentHistoryImporter"/>.</summary>
public sealed record IncidentHistoryImportOptions
{
    /// <summary>The default settings: batches of 1,000 tickets, replayed under the mapping's lifecycle policy.</summary>
    public static IncidentHistoryImportOptions Default { get; } = new();

    /// <summary>
    /// How many accepted tickets are stored in one atomic unit (one store transaction): 1 to
    /// <see cref="Itsm.Persistence.UnitOfWork.MaxWrites"/>; default 1,000 (the most a unit holds). A larger
    /// batch costs fewer transactions and more memory (the importer holds the batch being stored and the one
    /// being replayed); a cancelled or failed import keeps the batches already stored.
    /// </summary>
    /// <remarks>
    /// Into SQLite a batch of 1,000 imports faster than batches of 200 (it was 200 before 0.3): fewer
    /// transactions write each index page fewer times. Measured in benchmarks/README.md ("History import").
    /// </remarks>
    public int BatchSize { get; init; } = 1000;

    /// <summary>
    /// Whether tickets are replayed under the tenant's incident options exactly as the engine has them
    /// (<see langword="true"/>), so that the report shows where the engine is stricter than the source; by
    /// default (<see langword="false"/>) the mapping's <see cref="ImportMapping.Lifecycle"/> is applied over them,
    /// because the history happened under the source's rules.
    /// </summary>
    public bool UseEngineLifecycle { get; init; }
}

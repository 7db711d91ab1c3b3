namespace Itsm.Persistence.Sqlite.Tests.Stress;

/// <summary>
/// The stress tests run one at a time and alone (after the parallel tests), so racing writers and
/// killed processes do not compete with the rest of the suite for this machine's cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StressCollection
{
    public const string Name = "SQLite stress";
}

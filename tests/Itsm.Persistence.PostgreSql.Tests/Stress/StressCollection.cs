namespace Itsm.Persistence.PostgreSql.Tests.Stress;

/// <summary>The stress tests run one at a time and alone, so racing writers do not compete with the rest of the suite for this machine's cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StressCollection
{
    public const string Name = "PostgreSQL stress";
}

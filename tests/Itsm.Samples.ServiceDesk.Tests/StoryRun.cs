using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Persistence.Sqlite;
using NodaTime;
using Xunit;

namespace Itsm.Samples.ServiceDesk.Tests;

/// <summary>One seeded month of the simulation, run once and shared by the story and export tests (a month is the shortest run in which every defect is found and fixed).</summary>
public sealed class StoryRun : IAsyncLifetime
{
    private readonly TempDatabase _db = new();

    public SimulationReport Report { get; private set; } = null!;

    public IReadOnlyList<AuditEntry> Audit { get; private set; } = [];

    public string DatabasePath => _db.Path;

    /// <summary>One record's audit entries, by version.</summary>
    /// <param name="recordId">The record.</param>
    /// <returns>The entries.</returns>
    public List<AuditEntry> History(string recordId) => Audit.Where(e => e.RecordId == recordId).OrderBy(e => e.Version).ToList();

    public async Task InitializeAsync()
    {
        Report = await ServiceDeskSimulation.RunAsync(new SimulationSettings
        {
            DatabasePath = _db.Path,
            Days = 30,
            Seed = 3,
            StartDate = new LocalDate(2026, 4, 1),
        });
        Audit = await new SqliteAggregateStore(new SqliteStoreOptions { Path = _db.Path })
            .ReadAuditAsync(new TenantId("contoso"), new Interval(Instant.FromUtc(1900, 1, 1, 0, 0), Instant.FromUtc(2200, 1, 1, 0, 0)));
    }

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class StoryCollection : ICollectionFixture<StoryRun>
{
    public const string Name = "story run";
}

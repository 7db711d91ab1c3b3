using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Persistence.Sqlite;
using Itsm.Requests;
using NodaTime;

namespace Itsm.Samples.ServiceDesk.Tests;

/// <summary>The desk's laptop requests carry the answers to the laptop form: a model and a justification.</summary>
public sealed class CatalogTests
{
    [Fact]
    public async Task Every_laptop_request_is_submitted_with_a_model_and_a_justification()
    {
        using var db = new TempDatabase();
        var report = await ServiceDeskSimulation.RunAsync(new SimulationSettings
        {
            DatabasePath = db.Path,
            Days = 10,
            Seed = 7,
            StartDate = new LocalDate(2026, 4, 13),
            Tenant = "contoso",
        });
        var store = new SqliteAggregateStore(new SqliteStoreOptions { Path = db.Path });
        var entries = await store.ReadAuditAsync(new TenantId("contoso"), new Interval(Instant.FromUtc(2000, 1, 1, 0, 0), report.Period.End));

        var submits = entries.Where(e => e.RecordType == ServiceRequest.RecordType && e.Command == "Submit").ToList();
        var laptops = submits.Where(e => e.Data["item"] == "new-laptop").ToList();
        Assert.NotEmpty(laptops);
        foreach (var entry in laptops)
        {
            using var answers = JsonDocument.Parse(entry.Data["variables"]);
            Assert.Contains(answers.RootElement.GetProperty("model").GetProperty("choice").GetString(), new[] { "standard", "developer" });
            Assert.False(string.IsNullOrWhiteSpace(answers.RootElement.GetProperty("justification").GetProperty("text").GetString()));
        }

        Assert.All(submits.Except(laptops), e => Assert.False(e.Data.ContainsKey("variables")));
        Assert.Empty(ServiceDeskCatalog.Laptop.Validate(ServiceDeskCatalog.Answers(ServiceDeskCatalog.Laptop, Guid.NewGuid())));
    }
}

using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Testing;
using Xunit.Abstractions;

namespace Itsm.Import.Tests;

public sealed class Bpic2013ImportTests(ITestOutputHelper output)
{
    private static readonly TenantId Tenant = new("volvo");
    private static readonly Actor Importer = new("importer");

    [Fact]
    public async Task WholeDevelopmentSet_AcceptsAtLeast995PercentOfTickets()
    {
        var test = ItsmTestEngine.Create();
        var importer = new IncidentHistoryImporter(test.Engine, ImportMapping.Bpic2013);

        using var log = Bpic2013Log.Open();
        var report = await importer.ImportAsync(Tenant, Importer, log);

        output.WriteLine($"{report.Accepted} of {report.Tickets} tickets accepted ({report.AcceptedShare:P2}), {report.EventsRead} events, {report.CommandsApplied} commands");
        foreach (var category in report.RefusalCategories)
        {
            output.WriteLine($"{category.Count,5} {category.Category} e.g. {category.Example.TicketKey}: {category.Example.Message}");
        }

        Assert.Equal(7554, report.Tickets);
        Assert.Equal(65533, report.EventsRead);
        Assert.True(report.AcceptedShare >= 0.995, $"Only {report.AcceptedShare:P2} of tickets accepted.");
        Assert.Equal(report.Accepted, (await test.Store.QueryAsync(Tenant, new Itsm.Persistence.RecordQuery { RecordType = Itsm.Incidents.Incident.RecordType, Limit = 10_000 })).Count);
    }
}

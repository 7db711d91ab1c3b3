using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Testing;
using NodaTime;
using static Itsm.Import.Tests.ImportFiles;

namespace Itsm.Import.Tests;

public sealed class IdempotencyTests
{
    private static readonly ImportMapping Mapping = ImportMapping.ServiceNowIncidentCsv;

    [Fact]
    public async Task ImportingTwice_SkipsEveryStoredTicket_AndLeavesRecordsAndAuditUnchanged()
    {
        var test = ItsmTestEngine.Create();
        await ImportAsync(test.Engine, Mapping, "servicenow-lifecycle.csv");
        var period = new Interval(Instant.FromUtc(2000, 1, 1, 0, 0), Instant.FromUtc(2100, 1, 1, 0, 0));
        var auditBefore = await test.Engine.ReadAuditAsync(Tenant, Importer, period);
        var recordsBefore = await test.Store.QueryAsync(Tenant, new Itsm.Persistence.RecordQuery());

        var again = await ImportAsync(test.Engine, Mapping, "servicenow-lifecycle.csv");

        Assert.Equal((7, 0, 7), (again.Tickets, again.Accepted, again.AlreadyImported));
        Assert.Equal(auditBefore.Count, (await test.Engine.ReadAuditAsync(Tenant, Importer, period)).Count);
        Assert.Equal(recordsBefore.Select(r => (r.RecordId, r.Version)), (await test.Store.QueryAsync(Tenant, new Itsm.Persistence.RecordQuery())).Select(r => (r.RecordId, r.Version)));
    }

    [Fact]
    public async Task ImportAfterFixingTheFile_StoresOnlyTheTicketsNotStoredBefore()
    {
        var test = ItsmTestEngine.Create();
        await ImportAsync(test.Engine, Mapping, "servicenow-malformed.csv");

        var report = await ImportAsync(test.Engine, Mapping, "servicenow-lifecycle.csv");

        Assert.Equal((7, 7, 0), (report.Tickets, report.Accepted, report.AlreadyImported));
    }

    [Fact]
    public void RecordIds_AreNameBasedUuids_OfTenantMappingAndKey()
    {
        var id = IncidentHistoryImporter.IncidentIdFor(new TenantId("acme"), "servicenow-incident-csv", "INC0010002");

        Assert.Equal(id, IncidentHistoryImporter.IncidentIdFor(new TenantId("acme"), "servicenow-incident-csv", "INC0010002"));
        Assert.NotEqual(id, IncidentHistoryImporter.IncidentIdFor(new TenantId("other"), "servicenow-incident-csv", "INC0010002"));
        Assert.NotEqual(id, IncidentHistoryImporter.IncidentIdFor(new TenantId("acme"), "bpic2013", "INC0010002"));
        Assert.Equal('5', id.ToString()[14]);
    }

    [Fact]
    public void NameBasedUuid_MatchesTheRfcExample()
    {
        // RFC 9562 appendix A.4: UUIDv5 of "www.example.com" in the DNS namespace.
        var dns = new System.Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        Assert.Equal(new System.Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), ImportIds.NameBased(dns, "www.example.com"));
    }
}

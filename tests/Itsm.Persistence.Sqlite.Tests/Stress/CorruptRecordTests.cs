using System;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Incidents;

namespace Itsm.Persistence.Sqlite.Tests.Stress;

/// <summary>
/// A record whose state column was damaged outside the store (here by raw SQL) is reported as
/// <see cref="CorruptRecordException"/> when it is read, and is left exactly as it is, for inspection.
/// </summary>
[Collection(StressCollection.Name)]
public sealed class CorruptRecordTests
{
    public static TheoryData<string, string> Corruptions => new()
    {
        { "truncated JSON", "{\"v\":1,\"state\":\"InProgress\",\"callerId\":\"caller.st" },
        { "not JSON", "this is not JSON" },
        { "an array", "[1,2,3]" },
        { "an empty object", "{}" },
        { "an unknown state", "{\"v\":1,\"state\":\"Exploded\"}" },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public async Task A_corrupt_state_column_fails_the_read_with_CorruptRecordException_and_is_left_as_it_is(string what, string state)
    {
        using var db = new StressDatabase();
        var id = await db.OpenIncidentAsync();
        await db.Engine.Incidents.ExecuteAsync(StressDatabase.Tenant, id, StressDatabase.Agent, new AssignIncident(new Itsm.Services.SupportGroupId("Network")));
        var key = new (string, object)[] { ("$tenant", StressDatabase.Tenant.Value), ("$type", Incident.RecordType), ("$id", id.ToString()) };
        Assert.Equal(1, db.Execute("UPDATE records SET state = $state WHERE tenant = $tenant AND record_type = $type AND record_id = $id", [.. key, ("$state", state)]));
        var row = Row(db, key);
        var audit = Audit(db, key);

        var get = await Assert.ThrowsAsync<CorruptRecordException>(() => db.Engine.Incidents.GetAsync(StressDatabase.Tenant, id, StressDatabase.Agent));
        Assert.Equal(CorruptRecordException.ErrorCode, get.Code);
        Assert.Equal(StressDatabase.Tenant, get.Tenant);
        Assert.Equal(Incident.RecordType, get.RecordType);
        Assert.Equal(id.ToString(), get.RecordId);
        Assert.StartsWith($"Incident '{id}' of tenant 'stress' is stored in a form that cannot be read: ", get.Message, StringComparison.Ordinal);

        // A command on it fails the same way, before anything is written.
        await Assert.ThrowsAsync<CorruptRecordException>(() =>
            db.Engine.Incidents.ExecuteAsync(StressDatabase.Tenant, id, StressDatabase.Agent, new AssignIncident(new Itsm.Services.SupportGroupId("Desk"))));

        // Nothing was repaired, rewritten or appended: the row and its audit rows are byte for byte as they were.
        Assert.True(row.SequenceEqual(Row(db, key)), $"{what}: the record's row changed");
        Assert.Equal(state, (string?)row[4]);
        Assert.True(audit.SequenceEqual(Audit(db, key)), $"{what}: the audit rows changed");
        Assert.Equal(2, audit.Length);
    }

    private static object?[] Row(StressDatabase db, (string, object)[] key) =>
        Assert.Single(db.Rows("SELECT * FROM records WHERE tenant = $tenant AND record_type = $type AND record_id = $id", key));

    private static string[] Audit(StressDatabase db, (string, object)[] key) =>
        db.Rows("SELECT * FROM audit WHERE tenant = $tenant AND record_type = $type AND record_id = $id ORDER BY version", key)
            .Select(r => string.Join("|", r.Select(c => Convert.ToString(c, System.Globalization.CultureInfo.InvariantCulture))))
            .ToArray();
}

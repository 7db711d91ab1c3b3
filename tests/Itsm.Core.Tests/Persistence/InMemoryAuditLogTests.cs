using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Common;
using Itsm.Persistence;
using NodaTime;
using Xunit;

namespace Itsm.Core.Tests.Persistence;

/// <summary>
/// <see cref="InMemoryAuditLog"/>, where the in-memory store keeps its audit entries as bytes: every entry reads
/// back equal to the one appended, whatever its text (any UTF-16, lone surrogates in data included), instant
/// (any NodaTime holds) or size (one larger than a chunk), after any number of other entries.
/// </summary>
public sealed class InMemoryAuditLogTests
{
    private static readonly string[] Pieces = ["a", "Z", "7", " ", "-", "\"", "é", "€", "ß", "😀", "\n", "\u0001", "\uD800", "\uDFFF", "Incident", "OnHold"];

    private static readonly Gen<string> Texts =
        from count in Gen.Choose(0, 8)
        from parts in Gen.ArrayOf(Gen.Elements(Pieces), count)
        select string.Concat(parts);

    // Names an entry holds are never blank in a store (AggregateWrite checks them), but the log does not rely on it.
    private static readonly Gen<string> Names = Texts.Select(t => "n" + t);

    // Tenant ids are checked where they are made (no lone surrogates or control characters).
    private static readonly Gen<string> Ids = Gen.Elements("acme", "t-😀", "é x", "a\"b");

    private static readonly Gen<Instant> AllInstants =
        from day in Gen.Choose((int)(Instant.MinValue.ToUnixTimeSeconds() / 86_400), (int)(Instant.MaxValue.ToUnixTimeSeconds() / 86_400))
        from second in Gen.Choose(0, 86_399)
        from nanos in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Choose(0, 999_999_999)))
        select Instant.FromUnixTimeSeconds((day * 86_400L) + second).PlusNanoseconds(nanos);

    private static readonly Gen<long> Versions = Gen.Frequency(
        (3, Gen.Choose(1, 1000).Select(v => (long)v)),
        (1, Gen.Elements(0L, 127L, 128L, 16_383L, 16_384L, int.MaxValue + 1L, long.MaxValue)));

    private static readonly Gen<IReadOnlyDictionary<string, string>?> Data =
        Gen.Frequency(
            (1, Gen.Constant<IReadOnlyDictionary<string, string>?>(null)),
            (6, from count in Gen.Choose(0, 5)
                from keys in Gen.ArrayOf(Names, count)
                from values in Gen.ArrayOf(Gen.Frequency((6, Texts), (1, Gen.Constant<string>(null!))), count)
                select (IReadOnlyDictionary<string, string>?)keys.Distinct(StringComparer.Ordinal).Select((k, i) => (k, values[i])).ToDictionary(p => p.k, p => p.Item2, StringComparer.Ordinal)));

    private static readonly Gen<AuditEntry> Entries =
        from tenant in Ids
        from recordType in Gen.Elements("Incident", "Change", "Problem")
        from recordId in Names
        from version in Versions
        from at in AllInstants
        from actorId in Gen.Elements("bob", "alice", "s-ø")
        from roles in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Gen.Elements("itil", "admin", "approver", "r😀"), n))
        from command in Names
        from fromState in Names
        from toState in Names
        from data in Data
        select new AuditEntry(new TenantId(tenant), recordType, recordId, version, at, new Actor(actorId, roles), command, fromState, toState, data!);

    /// <summary>Entries appended one after another each read back equal, field by field and pair by pair, in their order (and the instant alone, as the audit read filters by it).</summary>
    /// <returns>The property.</returns>
    [Property(MaxTest = 300)]
    public Property Every_entry_reads_back_as_it_was_appended() =>
        Prop.ForAll(
            Gen.Choose(1, 40).SelectMany(n => Gen.ArrayOf(Entries, n)).ToArbitrary(),
            entries =>
            {
                var log = new InMemoryAuditLog();
                var addresses = entries.Select(log.Append).ToArray();
                for (int i = 0; i < entries.Length; i++)
                {
                    AssertSame(entries[i], log.Read(addresses[i]));
                    Assert.Equal(entries[i].At, log.AtOf(addresses[i]));

                    // Two reads are two objects, equal as entries.
                    var (first, second) = (log.Read(addresses[i]), log.Read(addresses[i]));
                    Assert.NotSame(first, second);
                    Assert.Equal(first, second);
                    Assert.Equal(first.GetHashCode(), second.GetHashCode());
                }
            });

    /// <summary>
    /// Audit entries are equal when every field is, their data compared by its pairs in any order whatever the
    /// dictionary holding them (the records' own data, a <see cref="Dictionary{TKey, TValue}"/> as the SQL stores
    /// read it); a differing value, a missing or extra key, or any other field makes them differ.
    /// </summary>
    [Fact]
    public void Audit_entries_compare_their_data_by_its_pairs_in_any_order()
    {
        var at = Instant.FromUtc(2026, 12, 5, 9, 0);
        AuditEntry Entry(IReadOnlyDictionary<string, string> data) =>
            new(new TenantId("acme"), "Incident", "INC-1", 3, at, new Actor("bob", "itil"), "PutOnHold", "InProgress", "OnHold", data);

        var sealedData = Entry(AuditData.Of(("reason", "AwaitingVendor"), ("note", "x")));
        var reordered = Entry(AuditData.Of(("note", "x"), ("reason", "AwaitingVendor")));
        var dictionary = Entry(new Dictionary<string, string> { ["reason"] = "AwaitingVendor", ["note"] = "x" });

        Assert.Equal(sealedData, reordered);
        Assert.Equal(sealedData, dictionary);
        Assert.Equal(dictionary, sealedData);
        Assert.Equal(sealedData.GetHashCode(), reordered.GetHashCode());
        Assert.Equal(sealedData.GetHashCode(), dictionary.GetHashCode());
        Assert.NotEqual(sealedData, Entry(AuditData.Of(("reason", "AwaitingVendor"), ("note", "y"))));
        Assert.NotEqual(sealedData, Entry(AuditData.Of(("reason", "AwaitingVendor"))));
        Assert.NotEqual(sealedData, Entry(AuditData.Of(("reason", "AwaitingVendor"), ("other", "x"))));
        Assert.NotEqual(sealedData, sealedData with { Version = 4 });
        Assert.NotEqual(sealedData, sealedData with { Actor = new Actor("bob") });
        Assert.NotEqual(sealedData, sealedData with { ToState = "Resolved" });
        Assert.NotEqual(sealedData, sealedData with { Data = null! });
        Assert.Equal(sealedData with { Data = null! }, sealedData with { Data = null! });
    }

    /// <summary>
    /// Tens of thousands of entries fill many chunks; an entry whose data is larger than a chunk gets one of its own,
    /// and the entries around it are unaffected.
    /// </summary>
    [Fact]
    public void Entries_across_many_chunks_and_one_larger_than_a_chunk_read_back()
    {
        var log = new InMemoryAuditLog();
        var entries = new List<AuditEntry>();
        var at = Instant.FromUtc(2026, 12, 5, 9, 0);
        for (int i = 0; i < 30_000; i++)
        {
            var data = i == 12_345
                ? new Dictionary<string, string> { ["notes"] = new string('x', 100_000) + "\uD800" }
                : new Dictionary<string, string> { ["reason"] = "AwaitingVendor", ["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            entries.Add(new AuditEntry(new TenantId("acme"), "Incident", $"id-{i % 7}", i + 1, at + Duration.FromMinutes(i), new Actor("bob", "itil"), "PutIncidentOnHold", "InProgress", "OnHold", data));
        }

        var addresses = entries.Select(log.Append).ToArray();

        for (int i = 0; i < entries.Count; i++)
        {
            AssertSame(entries[i], log.Read(addresses[i]));
        }
    }

    private static void AssertSame(AuditEntry expected, AuditEntry actual)
    {
        Assert.Equal(expected.Tenant, actual.Tenant);
        Assert.Equal(expected.RecordType, actual.RecordType);
        Assert.Equal(expected.RecordId, actual.RecordId);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.At, actual.At);
        Assert.Equal(expected.Actor, actual.Actor);
        Assert.Equal(expected.Command, actual.Command);
        Assert.Equal(expected.FromState, actual.FromState);
        Assert.Equal(expected.ToState, actual.ToState);
        if (expected.Data is null)
        {
            Assert.Null(actual.Data);
        }
        else
        {
            Assert.Equal(expected.Data.ToArray(), actual.Data.ToArray());
        }
    }
}

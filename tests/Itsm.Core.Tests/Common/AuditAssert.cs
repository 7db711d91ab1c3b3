using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;

namespace Itsm.Core.Tests.Common;

/// <summary>Compares audit entries and their data by content (<see cref="AuditEntry.Data"/> is a dictionary, compared by reference in the record's equality).</summary>
internal static class AuditAssert
{
    /// <summary>Whether the two data dictionaries have the same keys with the same values (ordinal).</summary>
    public static bool SameData(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual) =>
        expected.Count == actual.Count
        && expected.All(pair => actual.TryGetValue(pair.Key, out var value) && string.Equals(pair.Value, value, StringComparison.Ordinal));

    /// <summary>The data as sorted text, for failure messages.</summary>
    public static string Describe(IReadOnlyDictionary<string, string> data) =>
        "{" + string.Join(", ", data.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}=\"{pair.Value}\"")) + "}";

    /// <summary>Asserts that <paramref name="actual"/> has exactly the keys and values of <paramref name="expected"/>.</summary>
    public static void Data(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual) =>
        Assert.True(SameData(expected, actual), $"audit data: expected {Describe(expected)}, got {Describe(actual)}");

    /// <summary>Asserts that the two entries agree in every field, the data by content.</summary>
    public static void SameEntry(AuditEntry expected, AuditEntry actual)
    {
        Assert.Equal(
            (expected.Tenant, expected.RecordType, expected.RecordId, expected.Version, expected.At, expected.Actor, expected.Command, expected.FromState, expected.ToState),
            (actual.Tenant, actual.RecordType, actual.RecordId, actual.Version, actual.At, actual.Actor, actual.Command, actual.FromState, actual.ToState));
        Data(expected.Data, actual.Data);
        Assert.Equal(expected.Event, actual.Event);
    }

    /// <summary>
    /// Asserts that <paramref name="entry"/> reads as an event of <paramref name="eventType"/> (not
    /// <see cref="UnrecognizedEvent"/>) that names the entry's command and writes back exactly its data.
    /// </summary>
    public static DomainEvent TypedEvent(AuditEntry entry, Type eventType)
    {
        var read = entry.Event;
        Assert.IsType(eventType, read);
        Assert.Equal(entry.Command, read.Command);
        Data(entry.Data, read.ToAuditData());
        return read;
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using NodaTime;

namespace Itsm.Core.Tests.Common;

/// <summary>
/// Captures a lifecycle record (state, version, uncommitted audit entries and the record's other
/// data) before a command, then checks the command contract afterwards: an accepted command adds
/// exactly one audit entry and one version; a refused one changes nothing.
/// </summary>
internal sealed class RecordProbe
{
    private readonly string _recordType;
    private readonly string _recordId;
    private readonly TenantId _tenant;
    private readonly Func<string> _state;
    private readonly Func<long> _version;
    private readonly Func<IReadOnlyList<AuditEntry>> _entries;
    private readonly Func<object> _details;
    private readonly string _stateBefore;
    private readonly long _versionBefore;
    private readonly AuditEntry[] _entriesBefore;
    private readonly object _detailsBefore;

    private RecordProbe(string recordType, string recordId, TenantId tenant, Func<string> state, Func<long> version, Func<IReadOnlyList<AuditEntry>> entries, Func<object> details)
    {
        _recordType = recordType;
        _recordId = recordId;
        _tenant = tenant;
        _state = state;
        _version = version;
        _entries = entries;
        _details = details;
        _stateBefore = state();
        _versionBefore = version();
        _entriesBefore = [.. entries()];
        _detailsBefore = details();
    }

    /// <summary>Captures a record now.</summary>
    public static RecordProbe Of(string recordType, string recordId, TenantId tenant, Func<string> state, Func<long> version, Func<IReadOnlyList<AuditEntry>> entries, Func<object> details) =>
        new(recordType, recordId, tenant, state, version, entries, details);

    /// <summary>
    /// Asserts that one command was accepted since the capture: the record is in <paramref name="to"/>,
    /// its version went up by one, and exactly one audit entry was appended, with these values.
    /// </summary>
    /// <returns>The new audit entry.</returns>
    public AuditEntry AssertAccepted<TState>(string command, TState from, TState to, Actor actor, Instant at, params (string Key, string Value)[] data)
        where TState : struct, Enum
    {
        Assert.Equal(from.ToString(), _stateBefore);
        Assert.Equal(to.ToString(), _state());
        Assert.Equal(_versionBefore + 1, _version());
        var entries = _entries();
        Assert.Equal(_entriesBefore.Length + 1, entries.Count);
        Assert.Equal(_entriesBefore, entries.Take(_entriesBefore.Length));
        var entry = entries[^1];
        AssertEntry(entry, _tenant, _recordType, _recordId, _versionBefore + 1, at, actor, command, from.ToString(), to.ToString(), data);
        return entry;
    }

    /// <summary>Asserts that nothing changed since the capture: state, version, audit entries and data.</summary>
    public void AssertUnchanged()
    {
        Assert.Equal(_stateBefore, _state());
        Assert.Equal(_versionBefore, _version());
        Assert.Equal(_entriesBefore, _entries());
        Assert.Equal(_detailsBefore, _details());
    }

    /// <summary>Asserts every field of an audit entry; <paramref name="data"/> is the whole of its data.</summary>
    public static void AssertEntry(AuditEntry entry, TenantId tenant, string recordType, string recordId, long version, Instant at, Actor actor, string command, string from, string to, params (string Key, string Value)[] data)
    {
        Assert.Equal(tenant, entry.Tenant);
        Assert.Equal(recordType, entry.RecordType);
        Assert.Equal(recordId, entry.RecordId);
        Assert.Equal(version, entry.Version);
        Assert.Equal(at, entry.At);
        Assert.Equal(actor, entry.Actor);
        Assert.Equal(command, entry.Command);
        Assert.Equal(from, entry.FromState);
        Assert.Equal(to, entry.ToState);
        AssertData(entry, data);
    }

    /// <summary>Asserts the whole of an audit entry's data, in any order.</summary>
    public static void AssertData(AuditEntry entry, params (string Key, string Value)[] data) =>
        Assert.Equal(
            data.Select(p => p.Key + "=" + p.Value).Order(StringComparer.Ordinal),
            entry.Data.Select(p => p.Key + "=" + p.Value).Order(StringComparer.Ordinal));
}

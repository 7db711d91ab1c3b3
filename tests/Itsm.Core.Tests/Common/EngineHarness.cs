using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Persistence;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Tests.Common;

/// <summary>
/// An <see cref="ItsmEngine"/> over an <see cref="InMemoryAggregateStore"/> with a fake clock, for the
/// typed-command tests: every command the authorizer is asked about is kept, in order.
/// </summary>
internal sealed class EngineHarness
{
    private readonly List<ItsmCommand> _asked = [];

    /// <param name="allow">The authorizer's rule; <see langword="null"/> allows everything.</param>
    public EngineHarness(Func<Actor, ItsmCommand, ItsmResource, bool>? allow = null)
    {
        Clock = new FakeClock(Instant.FromUtc(2026, 11, 30, 9, 0));
        // The rule under test is about commands; the reads the tests make to check the outcome are allowed.
        Engine = new ItsmEngine(Store, ItsmAuthorizers.FromRule((actor, operation, resource) =>
        {
            if (operation is not ItsmCommand command)
            {
                return true;
            }

            _asked.Add(command);
            return allow is null || allow(actor, command, resource);
        }), Clock);
    }

    public FakeClock Clock { get; }

    public InMemoryAggregateStore Store { get; } = new();

    public ItsmEngine Engine { get; }

    /// <summary>The commands the authorizer was asked about, oldest first.</summary>
    public IReadOnlyList<ItsmCommand> Asked => _asked;

    public Task<IReadOnlyList<AuditEntry>> HistoryAsync(TenantId tenant, string recordType, object id) =>
        Store.ReadHistoryAsync(tenant, recordType, id.ToString()!);

    /// <summary>Asserts that the stored history is exactly <paramref name="expected"/>, entry by entry.</summary>
    public async Task AssertHistoryAsync(TenantId tenant, string recordType, object id, IReadOnlyList<AuditEntry> expected)
    {
        var history = await HistoryAsync(tenant, recordType, id);
        Assert.Equal(expected.Count, history.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            AuditAssert.SameEntry(expected[i], history[i]);
        }
    }
}

using System;
using Ardalis.GuardClauses;
using Itsm.Engine;
using Itsm.Persistence;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Testing;

/// <summary>
/// An <see cref="ItsmEngine"/> for a host's tests: the in-memory store (which honours the whole store
/// contract: versions, concurrency, tenant isolation, idempotency, an append-only audit log), a
/// <see cref="FakeClock"/> the test moves, and an authorizer that allows everything (commands, reads and
/// saves) unless the test gives its own.
/// </summary>
/// <example>
/// <code>
/// var test = ItsmTestEngine.Create(TestClocks.AtUtc(2026, 11, 30, 9, 0));
/// await test.Engine.Incidents.CreateAsync(tenant, id, agent, new OpenIncident("bob", "Mail is down", Impact.High, Urgency.High));
/// test.Clock.Advance(Duration.FromMinutes(5));
/// var history = await test.Store.ReadHistoryAsync(tenant, Incident.RecordType, id.ToString());
/// </code>
/// </example>
public sealed class ItsmTestEngine
{
    private ItsmTestEngine(FakeClock clock, InMemoryAggregateStore store, ItsmEngine engine)
    {
        Clock = clock;
        Store = store;
        Engine = engine;
    }

    /// <summary>The clock every command takes its time from.</summary>
    public FakeClock Clock { get; }

    /// <summary>The store, for reading back what commands wrote; unguarded, like <see cref="ItsmEngine.Store"/>.</summary>
    public InMemoryAggregateStore Store { get; }

    /// <summary>The engine.</summary>
    public ItsmEngine Engine { get; }

    /// <summary>Creates an engine over a new, empty in-memory store.</summary>
    /// <param name="clock">The clock; <see langword="null"/> for a fake clock at 2026-01-05 09:00 UTC (a Monday).</param>
    /// <param name="options">The engine's options; <see langword="null"/> for the defaults.</param>
    /// <param name="authorizer">The authorizer; <see langword="null"/> for <see cref="ItsmAuthorizers.AllowAll"/>.</param>
    /// <param name="publisher">Receives the events of committed commands; <see langword="null"/> for none.</param>
    /// <returns>The test engine.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static ItsmTestEngine Create(FakeClock? clock = null, ItsmEngineOptions? options = null, IItsmAuthorizer? authorizer = null, IDomainEventPublisher? publisher = null)
    {
        clock ??= new FakeClock(Instant.FromUtc(2026, 1, 5, 9, 0));
        var store = new InMemoryAggregateStore();
        return new ItsmTestEngine(clock, store, new ItsmEngine(store, authorizer ?? ItsmAuthorizers.AllowAll, Guard.Against.Null(clock), options, publisher));
    }
}

using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Problems;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Tests.Telemetry;

/// <summary>
/// A succeeded, a refused, a conflicting and an unauthorized command, and the reads a desk makes, on any store:
/// each documented activity and instrument must be emitted with the documented tags (docs/observability.md).
/// </summary>
internal static class CommandTelemetryScenario
{
    public static readonly TenantId Tenant = new("acme");
    private static readonly Actor Agent = new("agent.ada", "itil");
    private static readonly Actor Intruder = new("intruder", "itil");
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 30, 9, 0);

    public static async Task RunAsync(IAggregateStore store, string dbSystem)
    {
        var engine = new ItsmEngine(store, ItsmAuthorizers.FromRule((actor, _, _) => actor.Id != Intruder.Id), new FakeClock(Now));
        var id = IncidentId.New();
        using var capture = new TelemetryCapture();

        await engine.Incidents.CreateAsync(Tenant, id, Agent, new OpenIncident("caller.cy", "Mail is down", Impact.Medium, Urgency.Medium));
        await Assert.ThrowsAsync<InvalidTransitionException>(() => engine.Incidents.ExecuteAsync(Tenant, id, Agent, new CloseIncident()));
        await Assert.ThrowsAsync<ConcurrencyException>(() => engine.Incidents.ExecuteAsync(Tenant, id, Agent, new StartIncidentWork(), new CommandOptions { ExpectedVersion = 7 }));
        await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.ExecuteAsync(Tenant, id, Intruder, new StartIncidentWork()));
        await engine.Incidents.QueryAsync(Tenant, Agent);
        await engine.Incidents.ReadHistoryAsync(Tenant, id, Agent);
        await engine.ReadAuditAsync(Tenant, Agent, new Interval(Now - Duration.FromDays(1), Now + Duration.FromDays(1)));
        await engine.ReadFeedAsync(Tenant, Agent, 0, 10);
        await Assert.ThrowsAsync<AggregateNotFoundException>(() => engine.ResolveProblemAsync(Tenant, ProblemId.New(), Agent, new ResolveProblem(ProblemResolutionCode.FixApplied, "Fixed")));

        // The engine: one itsm.command activity per command, with its outcome.
        var commands = capture.Activities.Where(a => a.OperationName == "itsm.command").ToList();
        AssertCommand(commands[0], "Open", "succeeded", null, id, ActivityStatusCode.Unset);
        AssertCommand(commands[1], "Close", "refused", InvalidTransitionException.ErrorCode, id, ActivityStatusCode.Error);
        AssertCommand(commands[2], "StartWork", "conflict", ConcurrencyException.ErrorCode, id, ActivityStatusCode.Error);
        AssertCommand(commands[3], "StartWork", "unauthorized", ItsmAuthorizationException.ErrorCode, id, ActivityStatusCode.Error);
        Assert.Equal("Open Incident", commands[0].DisplayName);
        Assert.Equal(("Problem", "ResolveProblem", "not_found"), (commands[4].GetTagItem("itsm.record_type"), commands[4].GetTagItem("itsm.command"), commands[4].GetTagItem("itsm.outcome")));
        Assert.All(commands, c => Assert.Null(c.GetTagItem("itsm.tenant")));

        var durations = capture.Of("itsm.command.duration").ToList();
        Assert.All(durations, m => Assert.Equal("s", m.Unit));
        Assert.All(durations, m => Assert.True(m.Value >= 0));
        Assert.Equal(
            ["Open succeeded -", "Close refused " + InvalidTransitionException.ErrorCode, "StartWork conflict " + ConcurrencyException.ErrorCode, "StartWork unauthorized " + ItsmAuthorizationException.ErrorCode],
            durations.Where(m => m.Tag("itsm.record_type") == "Incident").Select(m => $"{m.Tag("itsm.command")} {m.Tag("itsm.outcome")} {m.Tag("error.type") ?? "-"}"));
        var conflict = Assert.Single(capture.Of("itsm.command.conflicts"));
        Assert.Equal((1d, "Incident", "StartWork"), (conflict.Value, conflict.Tag("itsm.record_type"), conflict.Tag("itsm.command")));
        var refusal = Assert.Single(capture.Of("itsm.command.refusals"));
        Assert.Equal((1d, "Incident", "Close", InvalidTransitionException.ErrorCode), (refusal.Value, refusal.Tag("itsm.record_type"), refusal.Tag("itsm.command"), refusal.Tag("error.type")));

        // The store: its calls inside the commands, and the reads.
        var stores = capture.Activities.Where(a => a.OperationName.StartsWith("itsm.store.", StringComparison.Ordinal)).ToList();
        Assert.All(stores, a => Assert.Equal(dbSystem, a.GetTagItem("db.system")));
        Assert.All(stores, a => Assert.Equal(ActivityKind.Client, a.Kind));
        Assert.All(stores, a => Assert.Equal(a.OperationName["itsm.store.".Length..], a.GetTagItem("db.operation.name")));
        var save = Assert.Single(stores, a => a.OperationName == "itsm.store.save");
        Assert.Equal(commands[0].SpanId, save.ParentSpanId);
        Assert.Equal("Incident", save.GetTagItem("itsm.record_type"));
        Assert.Equal("load Incident", stores.First(a => a.OperationName == "itsm.store.load").DisplayName);
        Assert.Contains(stores, a => a.OperationName == "itsm.store.load" && a.ParentSpanId == commands[1].SpanId);
        foreach (var operation in new[] { "load", "save", "query", "read_history", "read_audit", "read_feed" })
        {
            Assert.Contains(stores, a => a.OperationName == "itsm.store." + operation);
            Assert.Contains(capture.Of("itsm.store.operation.duration"), m => m.Tag("db.operation.name") == operation && m.Tag("db.system") == dbSystem && m.Unit == "s");
        }

        Assert.All(capture.Measurements, m => Assert.Null(m.Tag("itsm.tenant")));
        Assert.All(capture.Measurements, m => Assert.Null(m.Tag("itsm.record_id")));
    }

    /// <summary>With <see cref="ItsmEngineOptions.TraceTenant"/>, the command activities carry the tenant; the metrics still do not.</summary>
    public static async Task TenantOptInAsync(IAggregateStore store)
    {
        var engine = new ItsmEngine(store, ItsmAuthorizers.AllowAll, new FakeClock(Now), new ItsmEngineOptions { TraceTenant = true });
        using var capture = new TelemetryCapture();

        await engine.Incidents.CreateAsync(Tenant, IncidentId.New(), Agent, new OpenIncident("caller.cy", "Mail is down", Impact.Medium, Urgency.Medium));

        Assert.Equal("acme", Assert.Single(capture.Activities, a => a.OperationName == "itsm.command").GetTagItem("itsm.tenant"));
        Assert.All(capture.Measurements, m => Assert.Null(m.Tag("itsm.tenant")));
    }

    private static void AssertCommand(Activity activity, string command, string outcome, string? errorType, IncidentId id, ActivityStatusCode status)
    {
        Assert.Equal("Incident", activity.GetTagItem("itsm.record_type"));
        Assert.Equal(command, activity.GetTagItem("itsm.command"));
        Assert.Equal(outcome, activity.GetTagItem("itsm.outcome"));
        Assert.Equal(errorType, activity.GetTagItem("error.type"));
        Assert.Equal(id.ToString(), activity.GetTagItem("itsm.record_id"));
        Assert.Equal(status, activity.Status);
    }
}

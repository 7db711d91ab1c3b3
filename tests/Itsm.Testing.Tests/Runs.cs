using System.Threading.Tasks;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Workflows;
using NodaTime;

namespace Itsm.Testing.Tests;

/// <summary>The engines the runner's tests run on, and the check that a run judged every step.</summary>
internal static class Runs
{
    /// <summary>A test engine whose catalog runs <paramref name="workflow"/> for every tenant.</summary>
    public static ItsmEngine Under(Workflow workflow) =>
        ItsmTestEngine.Create(options: new ItsmEngineOptions { Workflows = WorkflowCatalog.Empty.With(workflow) }).Engine;

    /// <summary>An engine over a host's <paramref name="store"/> (a planted bug) whose catalog runs <paramref name="workflow"/>.</summary>
    public static ItsmEngine On(IAggregateStore store, Workflow workflow) =>
        new(store, ItsmAuthorizers.AllowAll, new NodaTime.Testing.FakeClock(Instant.FromUtc(2026, 1, 5, 9, 0)), new ItsmEngineOptions { Workflows = WorkflowCatalog.Empty.With(workflow) });

    /// <summary>Runs <paramref name="scenario"/>; true when the creation and every step were accepted, refused or unauthorized (the runner throws on a broken invariant).</summary>
    public static async Task<bool> Passes<TRecord, TId>(ItsmEngine engine, LifecycleScenario<TRecord, TId> scenario)
        where TRecord : class
    {
        var run = await LifecycleRunner.RunAsync(engine, scenario);
        return run.Accepted + run.Refused + run.Unauthorized == scenario.Steps.Count + 1;
    }
}

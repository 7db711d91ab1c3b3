using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;

namespace Itsm.Persistence.PostgreSql.Tests.Stress;

/// <summary>A stress writer: accepted updates to one incident through the engine, calling again on every <see cref="ConcurrencyException"/>.</summary>
internal static class EngineWriter
{
    /// <summary>Makes <paramref name="updates"/> accepted assignments; returns them and the conflicts retried.</summary>
    /// <exception cref="TimeoutException">The deadline passed first.</exception>
    public static async Task<(long Succeeded, long Conflicts)> WriteAllAsync(
        ItsmEngine engine, TenantId tenant, Actor agent, IncidentId id, string writer, int updates, TimeSpan bound, CancellationToken deadline)
    {
        long succeeded = 0, conflicts = 0;
        for (var i = 0; i < updates; i++)
        {
            var assignee = writer + "-" + i.ToString(CultureInfo.InvariantCulture);
            while (true)
            {
                if (deadline.IsCancellationRequested)
                {
                    throw new TimeoutException($"writer {writer} made {succeeded} of {updates} updates in {bound} ({conflicts} conflicts).");
                }

                try
                {
                    await engine.Incidents.ExecuteAsync(tenant, id, agent, new AssignIncident(new Itsm.Services.SupportGroupId("Stress"), assignee), cancellationToken: deadline);
                    succeeded++;
                    break;
                }
                catch (ConcurrencyException)
                {
                    conflicts++;
                }
            }
        }

        return (succeeded, conflicts);
    }
}

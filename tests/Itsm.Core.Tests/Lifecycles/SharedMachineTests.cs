using System.Linq;
using System.Threading.Tasks;
using Itsm.Core.Tests.Incidents;
using Itsm.Incidents;
using Itsm.Services;

namespace Itsm.Core.Tests.Lifecycles;

/// <summary>
/// Records of one lifecycle share one configured Stateless machine per thread: each command must
/// still see its own record's state and data, interleaved with other records and across threads.
/// </summary>
public sealed class SharedMachineTests
{
    [Fact]
    public void Interleaved_records_each_follow_their_own_on_hold_reason()
    {
        var clock = IncidentFixtures.NewClock();
        var awaitingCaller = IncidentFixtures.InState(IncidentState.InProgress, clock);
        var awaitingVendor = IncidentFixtures.InState(IncidentState.InProgress, clock);
        awaitingCaller.PutOnHold(IncidentFixtures.Agent, OnHoldReason.AwaitingCaller, "Which client?");
        awaitingVendor.PutOnHold(IncidentFixtures.Agent, OnHoldReason.AwaitingVendor);

        // The dynamic transition reads the on-hold reason of the record that fires, not of the first one.
        awaitingVendor.RecordCallerResponse(IncidentFixtures.Caller, "Any news?");
        awaitingCaller.RecordCallerResponse(IncidentFixtures.Caller, "Outlook");

        Assert.Equal(IncidentState.OnHold, awaitingVendor.State);
        Assert.Equal(IncidentState.InProgress, awaitingCaller.State);
    }

    [Fact]
    public async Task Records_commanded_on_many_threads_at_once_reach_their_own_states()
    {
        var clock = IncidentFixtures.NewClock();
        var incidents = Enumerable.Range(0, 64).Select(_ => IncidentFixtures.Open(clock)).ToArray();

        await Task.WhenAll(incidents.Select((incident, n) => Task.Run(() =>
        {
            for (int round = 0; round < 50; round++)
            {
                incident.Assign(IncidentFixtures.Agent, new SupportGroupId("group-" + n + "-" + round));
                incident.PutOnHold(IncidentFixtures.Agent, OnHoldReason.AwaitingVendor);
                incident.Resume(IncidentFixtures.Agent);
            }

            if (n % 2 == 0)
            {
                incident.Resolve(IncidentFixtures.Agent, IncidentResolutionCode.SolvedPermanently, "done");
            }
        })));

        for (int n = 0; n < incidents.Length; n++)
        {
            Assert.Equal(n % 2 == 0 ? IncidentState.Resolved : IncidentState.InProgress, incidents[n].State);
            Assert.Equal(1 + (50 * 3) + (n % 2 == 0 ? 1 : 0), incidents[n].Version);
            Assert.Equal("group-" + n + "-49", incidents[n].AssignmentGroup?.Value);
            Assert.All(incidents[n].UncommittedAuditEntries.Where(e => e.Command == "Resume"), e => Assert.Equal(("OnHold", "InProgress"), (e.FromState, e.ToState)));
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;

namespace Itsm.Samples.ServiceDesk.Tests;

/// <summary>
/// The workflows on the seeded month, checked against the audit log: every routed incident was triaged first, no
/// incident was resolved while awaiting a change, every normal change was peer-reviewed by someone other than its
/// requester before it asked for authorization, and the report's counts are the audit log's.
/// </summary>
[Collection(StoryCollection.Name)]
public sealed class WorkflowStoryTests(StoryRun run)
{
    private List<AuditEntry> History(string recordId) => run.History(recordId);

    private IEnumerable<List<AuditEntry>> Histories(string recordType) =>
        run.Audit.Where(e => e.RecordType == recordType && e.Version == 1).Select(e => History(e.RecordId));

    [Fact]
    public void Every_incident_starts_in_Triage_and_is_routed_to_a_group_only_once_triaged()
    {
        var incidents = Histories("Incident").ToList();
        Assert.All(incidents, h => Assert.Equal(ServiceDeskWorkflows.Triage, h[0].WorkflowState));
        int routed = 0;
        foreach (var h in incidents)
        {
            string? custom = null;
            foreach (var e in h)
            {
                if (e.Command == "Assign" && e.FromState == "New")
                {
                    Assert.Equal(ServiceDeskWorkflows.Ready, custom);
                    routed++;
                }

                custom = e.WorkflowState ?? custom;
            }
        }

        Assert.True(routed > 100, $"only {routed} incidents routed");
    }

    [Fact]
    public void Incidents_wait_for_changes_with_a_configuration_item_and_are_never_resolved_while_waiting()
    {
        var waits = run.Audit.Where(e => e.RecordType == "Incident" && e.WorkflowState == ServiceDeskWorkflows.AwaitingChange).ToList();
        Assert.NotEmpty(waits);
        foreach (var wait in waits)
        {
            var h = History(wait.RecordId);
            Assert.Equal(ServiceDeskWorkflows.AwaitChangeTransition, wait.Data["transition"]);
            Assert.Contains(h.TakeWhile(e => e.Version < wait.Version), e => e.Command == "AddConfigurationItem");

            // The next entry that moves it out of Awaiting Change is the release, never a resolution.
            var next = h.First(e => e.Version > wait.Version && e.WorkflowState is not null);
            Assert.Equal((ServiceDeskWorkflows.ChangeReleasedTransition, ServiceDeskWorkflows.Investigating), (next.Data["transition"], next.WorkflowState));
            Assert.DoesNotContain(h.Where(e => e.Version > wait.Version && e.Version < next.Version), e => e.Command == "Resolve");
        }
    }

    [Fact]
    public void Every_normal_change_is_peer_reviewed_by_someone_else_before_it_asks_for_authorization()
    {
        var normal = Histories("Change").Where(h => h[0].Data["type"] == "Normal").ToList();
        Assert.Contains(normal, h => h.Any(e => e.Command == "RequestAuthorization"));
        foreach (var h in normal)
        {
            int asked = h.FindIndex(e => e.Command == "RequestAuthorization");
            if (asked < 0)
            {
                continue;
            }

            var review = Assert.Single(h.Take(asked), e => e.Command == "TransitionWorkflow");
            Assert.Equal((ServiceDeskWorkflows.PeerReviewTransition, ServiceDeskWorkflows.ReadyForCab), (review.Data["transition"], review.WorkflowState));
            Assert.Contains(ServiceDeskWorkflows.PeerReviewerRole, review.Actor.Roles);
            Assert.NotEqual(h[0].Actor.Id, review.Actor.Id);
        }

        // Standard and emergency changes run no workflow.
        Assert.All(Histories("Change").Where(h => h[0].Data["type"] != "Normal"), h => Assert.All(h, e => Assert.Null(e.WorkflowState)));
    }

    [Fact]
    public void The_report_counts_each_custom_state_as_the_audit_log_does()
    {
        var states = run.Report.Workflows.States;
        Assert.Equal(6, states.Count);
        foreach (var s in states)
        {
            Assert.Equal(run.Audit.Count(e => e.RecordType == s.RecordType && e.WorkflowState == s.CustomState), s.Entered);
        }

        Assert.Equal(run.Audit.Where(e => e.WorkflowState == ServiceDeskWorkflows.AwaitingChange).Select(e => e.RecordId).Distinct().Count(), run.Report.Workflows.AwaitedChange);
        Assert.Equal(states.Single(s => s.CustomState == ServiceDeskWorkflows.ReadyForCab).Entered, run.Report.Workflows.PeerReviews);
        Assert.True(run.Report.Workflows.PeerReviews > 0);
    }
}

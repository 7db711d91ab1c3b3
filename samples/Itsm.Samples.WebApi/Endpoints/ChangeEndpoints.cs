using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Services;
using Itsm.Persistence;
using Itsm.Samples.WebApi.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace Itsm.Samples.WebApi.Endpoints;

/// <summary>The change endpoints: create, get, list and the main commands.</summary>
public static class ChangeEndpoints
{
    /// <summary>Maps the endpoints under <c>/tenants/{tenant}/changes</c>.</summary>
    /// <param name="app">The route builder.</param>
    public static void Map(IEndpointRouteBuilder app)
    {
        new RecordEndpoints<Change, ChangeId>(app, "changes", Change.RecordType, e => e.Changes, g => new ChangeId(g), ChangeJson.From)
            .MapCreate(static (r, id) =>
            {
                var type = r.Body.RequiredEnum<ChangeType>("type");
                var shortDescription = r.Body.RequiredString("shortDescription");
                var plan = r.Body.RequiredString("plan");
                var services = r.Body.StringArray("services");
                var items = r.Body.StringArray("configurationItems");
                var implementerId = r.Body.OptionalString("implementerId");
                if (services.Count == 0 && items.Count == 0)
                {
                    throw BadInputException.ForField("services", "A change must touch at least one service or configuration item: give 'services' or 'configurationItems'.");
                }

                if (services.Count > 1)
                {
                    throw BadInputException.ForField("services", "A change names one service; the services its configuration items reach come from the service model.");
                }

                // The engine opens it with its own change authority policy.
                return new OpenChange(type, shortDescription, plan, services.Count == 0 ? null : new ServiceId(services[0]), items.Select(i => new ConfigurationItemId(i)).ToArray(), implementerId);
            })
            .MapGet(static c => c.Version)
            .MapList(Enum.GetNames<ChangeState>())
            .MapCommand("submit", static r => new SubmitChange(), nameof(ChangeCommand.Submit))
            .MapCommand("assess-risk", static r =>
            {
                var answers = r.Body.StringMap("answers");
                var causesOutage = r.Body.OptionalBoolean("causesOutage") ?? false;
                return new AssessChangeRisk(SampleConfiguration.RiskPolicy, answers, causesOutage);
            }, nameof(ChangeCommand.AssessRisk))
            .MapCommand("request-authorization", static r => new RequestChangeAuthorization(), nameof(ChangeCommand.RequestAuthorization))
            .MapCommand("approve", static r => new ApproveChange(), nameof(ChangeCommand.Approve))
            .MapCommand("reject", static r =>
            {
                var reason = r.Body.RequiredString("reason");
                return new RejectChange(reason);
            }, nameof(ChangeCommand.Reject))
            .MapCommand("schedule", static async r =>
            {
                var start = r.Body.RequiredInstant("start");
                var end = r.Body.RequiredInstant("end");
                if (end <= start)
                {
                    throw BadInputException.ForField("end", "The field 'end' must be after 'start'.");
                }

                var calendar = await ChangeCalendarAsync(r).ConfigureAwait(false);
                var window = new Interval(start, end);
                return new ScheduleChange(window, calendar);
            }, nameof(ChangeCommand.Schedule))
            .MapCommand("implement", static r => new StartChangeImplementation(), nameof(ChangeCommand.StartImplementation))
            .MapCommand("complete", static r => new CompleteChangeImplementation(), nameof(ChangeCommand.CompleteImplementation))
            .MapCommand("close", static r =>
            {
                var outcome = r.Body.RequiredEnum<ChangeReviewOutcome>("outcome");
                var notes = r.Body.OptionalString("notes");
                return new CloseChange(outcome, notes);
            }, nameof(ChangeCommand.Close))
            .MapCommand("cancel", static r =>
            {
                var reason = r.Body.RequiredString("reason");
                return new CancelChange(reason);
            }, nameof(ChangeCommand.Cancel))
            // A named transition of the record's workflow (docs/workflows.md): {"transition": "triage"}.
            .MapCommand("transition", static r => new TransitionChangeWorkflow(r.Body.RequiredString("transition")), nameof(ChangeCommand.TransitionWorkflow));
    }

    /// <summary>
    /// The tenant's change calendar: every change with a window that is scheduled or being
    /// implemented, plus the configured blackouts. (The check is advisory under concurrency: two
    /// changes scheduled at the same moment can both pass it.)
    /// </summary>
    private static async Task<ChangeCalendar> ChangeCalendarAsync(ApiRequest request)
    {
        var scheduled = new List<ScheduledChange>();
        foreach (var state in new[] { nameof(ChangeState.Scheduled), nameof(ChangeState.Implement) })
        {
            var rows = await request.Engine.Changes.QueryAsync(request.Tenant, request.Actor, new RecordQuery { State = state }, request.Cancellation).ConfigureAwait(false);
            foreach (var row in rows)
            {
                var change = await request.Engine.Changes.FindAsync(request.Tenant, new ChangeId(Guid.Parse(row.RecordId)), request.Actor, request.Cancellation).ConfigureAwait(false);
                if (change?.ToScheduledChange() is { } entry)
                {
                    scheduled.Add(entry);
                }
            }
        }

        return new ChangeCalendar(scheduled, SampleConfiguration.Blackouts);
    }

}

/// <summary>A change as the API shows it.</summary>
public sealed record ChangeJson(
    string Id,
    string? Number,
    string Tenant,
    long Version,
    string Type,
    string State,
    string ShortDescription,
    string RequesterId,
    string? ImplementerId,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> ConfigurationItems,
    string Plan,
    WindowJson? Window,
    RiskJson? RiskAssessment,
    AuthorityJson RequiredAuthority,
    IReadOnlyList<ApprovalJson> Approvals,
    bool HasRequiredApprovals,
    string? Outcome,
    Instant OpenedAt,
    IReadOnlyList<string> PermittedCommands,
    WorkflowView? Workflow)
{
    /// <summary>The JSON of a change.</summary>
    /// <param name="change">The change.</param>
    /// <param name="catalog">Translates its permitted triggers into API commands.</param>
    /// <returns>The JSON object.</returns>
    public static object From(Change change, ApiCommandCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(catalog);
        var authority = change.RequiredAuthority;
        return new ChangeJson(
            change.Id.ToString(),
            change.Number,
            change.Tenant.Value,
            change.Version,
            change.Type.ToString(),
            change.State.ToString(),
            change.ShortDescription,
            change.RequesterId,
            change.ImplementerId,
            change.Service is { } service ? [service.Value] : [],
            change.ConfigurationItems.Select(i => i.Value).ToArray(),
            change.Plan,
            change.Window is { } w ? new WindowJson(w.Start, w.End) : null,
            change.RiskAssessment is { } r ? new RiskJson(r.Risk.ToString(), r.Score, r.QuestionnaireRisk.ToString(), r.ConditionRisk.ToString()) : null,
            new AuthorityJson(authority.Name, authority.Quorum, authority.Roles),
            change.Approvals.Select(a => new ApprovalJson(a.ApproverId, a.Roles, a.At)).ToArray(),
            change.HasRequiredApprovals,
            change.Outcome?.ToString(),
            change.OpenedAt,
            catalog.CommandsFor(Change.RecordType, change.PermittedCommands.Select(c => c.ToString())),
            WorkflowView.Of(change.Workflow, change.WorkflowState));
    }
}

/// <summary>A change window, <c>[start, end)</c>.</summary>
/// <param name="Start">The start.</param>
/// <param name="End">The end.</param>
public sealed record WindowJson(Instant Start, Instant End);

/// <summary>A risk assessment.</summary>
/// <param name="Risk">The overall risk.</param>
/// <param name="Score">The questionnaire score.</param>
/// <param name="QuestionnaireRisk">The questionnaire's risk.</param>
/// <param name="ConditionRisk">The conditions' risk (critical services, outage).</param>
public sealed record RiskJson(string Risk, int Score, string QuestionnaireRisk, string ConditionRisk);

/// <summary>The change authority a change needs.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Quorum">How many approvals it needs.</param>
/// <param name="Roles">The roles it accepts.</param>
public sealed record AuthorityJson(string Name, int Quorum, IReadOnlyList<string> Roles);

/// <summary>One approval.</summary>
/// <param name="ApproverId">Who approved.</param>
/// <param name="Roles">Their roles then.</param>
/// <param name="At">When.</param>
public sealed record ApprovalJson(string ApproverId, IReadOnlyList<string> Roles, Instant At);

using System.Linq;
using Itsm.Incidents;

namespace Itsm.Import.Tests;

public sealed class ImportMappingTests
{
    [Theory]
    [InlineData("{\"name\": \"\\ud800\"}", "$: the JSON holds text that is not valid Unicode")]
    [InlineData("[", "$: the JSON is malformed")]
    [InlineData("null", "$: the mapping must be a JSON object.")]
    public void Json_that_is_not_a_mapping_is_an_ImportMappingException_naming_the_argument(string json, string error)
    {
        var e = Assert.Throws<ImportMappingException>(() => ImportMapping.FromJson(json));

        Assert.Equal("json", e.ParamName);
        Assert.StartsWith(error, Assert.Single(e.Errors));
    }

    [Fact]
    public void ShippedMappings_Load_WithTheirNamesAndLifecycle()
    {
        Assert.Equal("servicenow-incident-csv", ImportMapping.ServiceNowIncidentCsv.Name);
        Assert.Equal("bpic2013", ImportMapping.Bpic2013.Name);
        foreach (var mapping in new[] { ImportMapping.ServiceNowIncidentCsv, ImportMapping.Bpic2013 })
        {
            Assert.Equal(IncidentReopeners.Anyone, mapping.Lifecycle.Reopen.Reopeners);
            Assert.True(mapping.Lifecycle.Reopen.FromClosed);
            Assert.Equal(IncidentReopenWindow.None, mapping.Lifecycle.Reopen.Window);
            Assert.Equal(IncidentWorkStart.Explicit, mapping.Lifecycle.WorkStart);
        }
    }

    [Fact]
    public void ServiceNowMapping_RequiresOnlyTheKeyStateInstantAndActor()
    {
        var mapping = ImportMapping.ServiceNowIncidentCsv;

        Assert.Equal(["number", "sys_updated_at", "incident_state", "sys_updated_by"], mapping.RequiredColumns);
        Assert.Contains("caller_id", mapping.Spec.Columns);
        Assert.Contains("sys_mod_count", mapping.Spec.Columns);
    }

    [Fact]
    public void ApplyTo_SetsTheReopenAndWorkStartPolicies_AndKeepsTheRest()
    {
        var options = new IncidentOptions { PriorityMatrix = Itsm.Common.PriorityMatrix.Default };

        var applied = ImportMapping.Bpic2013.Lifecycle.ApplyTo(options);

        Assert.Equal(ImportMapping.Bpic2013.Lifecycle.Reopen, applied.Reopen);
        Assert.Equal(IncidentWorkStart.Explicit, applied.WorkStart);
        Assert.Same(options.PriorityMatrix, applied.PriorityMatrix);
    }

    [Fact]
    public void InvalidMapping_ListsEveryProblemAtOnce()
    {
        const string json = """
            {
              "name": "broken",
              "instants": { "formats": ["d/M/yyyy HH:mm", "Q!"], "timeZone": "Mars/Olympus" },
              "columns": { "ticketKey": "number", "status": "state", "colour": "x" },
              "states": [
                { "status": "Waiting", "state": "OnHold" },
                { "status": "Odd", "state": null },
                { "status": "Done", "state": "Finished" }
              ],
              "lifecycle": { "reopenBy": ["everyone"] }
            }
            """;

        var error = Assert.Throws<ImportMappingException>(() => ImportMapping.FromJson(json));

        Assert.Equal(
            [
                "$.instants.timeZone: 'Mars/Olympus' is not a time zone id of the IANA database (for example \"UTC\", \"Europe/Brussels\").",
                "$.columns: unknown property 'colour' (expected ticketKey, at, sequence, actor, openedAt, openedBy, caller, shortDescription, details, service, assignmentGroup, assignee, problem, causedByChange, status, subStatus, supportLevel, impact, urgency, resolutionCode).",
                "$.columns.at: is required.",
                "$.columns.actor: is required (a column or a list of columns).",
                "$.states[0].holdReason: an OnHold status needs a hold reason (AwaitingCaller, AwaitingChange, AwaitingProblem, AwaitingVendor).",
                "$.states[1].reason: a status mapped to no state (null) needs a reason saying why, for the import report and docs.",
                "$.states[2].state: 'Finished' is not one of New, InProgress, OnHold, Resolved, Closed, Canceled.",
                "$.lifecycle.reopenBy: 'everyone' is not caller, assignee or anyone.",
                "$.columns.impact: name an impact column or give $.defaults.impact.",
                "$.columns.urgency: name an urgency column or give $.defaults.urgency.",
                "$.columns.caller: name a caller column or give $.defaults.caller.",
            ],
            error.Errors.Where((_, i) => i != 1));
        Assert.StartsWith("$.instants.formats[1]: 'Q!' is not a date and time pattern: ", error.Errors[1], System.StringComparison.Ordinal);
        Assert.Equal(ImportMappingException.ErrorCode, error.Code);
    }

    [Fact]
    public void MalformedJson_IsAMappingError()
    {
        var error = Assert.Throws<ImportMappingException>(() => ImportMapping.FromJson("{ \"name\": "));

        Assert.StartsWith("$: the JSON is malformed", error.Errors.Single(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void WithTimeZone_ReadsLocalTimesInThatZone()
    {
        var brussels = NodaTime.DateTimeZoneProviders.Tzdb["Europe/Brussels"];

        var mapping = ImportMapping.ServiceNowIncidentCsv.WithTimeZone(brussels);

        Assert.True(mapping.Spec.Instants.TryParse("29/2/2016 01:16", out var instant));
        Assert.Equal(NodaTime.Instant.FromUtc(2016, 2, 29, 0, 16), instant);
        Assert.Equal(("servicenow-incident-csv", brussels), (mapping.Name, mapping.TimeZone));
    }
}

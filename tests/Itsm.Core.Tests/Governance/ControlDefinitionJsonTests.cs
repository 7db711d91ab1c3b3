using System;
using System.Linq;
using Itsm.Changes;
using Itsm.Governance;
using NodaTime;
using Xunit;

namespace Itsm.Core.Tests.Governance;

/// <summary>The control definition format of docs/governance.md: strict reading, every problem with its JSON path, and a lossless round trip.</summary>
public sealed class ControlDefinitionJsonTests
{
    [Fact]
    public void DocsExample_ReadsEveryKindWithItsParameters()
    {
        var controls = ControlDefinition.ListFromJson(ControlWorkedExample.ControlsJson);

        Assert.Equal(
            [ControlKind.NormalChangeAuthorized, ControlKind.EmergencyChangeReviewed, ControlKind.NoChangeInBlackout, ControlKind.NoSelfApproval, ControlKind.MajorIncidentReviewed],
            controls.Select(c => c.Kind));
        Assert.Equal((5, DayCount.Business), (controls[1].Days!.Value, controls[1].DayCount!.Value));
        var freeze = Assert.Single(controls[2].Blackouts);
        Assert.Equal(("Year-end freeze", Instant.FromUtc(2026, 12, 20, 0, 0), Instant.FromUtc(2027, 1, 4, 0, 0), "Payments"), (freeze.Name, freeze.Window.Start, freeze.Window.End, Assert.Single(freeze.Services)));
        Assert.Equal(["Change", "ServiceRequest"], controls[3].RecordTypes);
        Assert.Equal("Major incidents reviewed within 10 days", controls[4].Name);
    }

    [Fact]
    public void ListToJson_ReadsBackToControlsThatWriteTheSameText()
    {
        var json = ControlDefinition.ListToJson(ControlDefinition.ListFromJson(ControlWorkedExample.ControlsJson));

        Assert.Equal(json, ControlDefinition.ListToJson(ControlDefinition.ListFromJson(json)));
        Assert.Equal(
            ControlDefinition.ListFromJson(ControlWorkedExample.ControlsJson).Select(c => c.ToString()),
            ControlDefinition.ListFromJson(json).Select(c => c.ToString()));
    }

    [Fact]
    public void ToJson_OfOneControl_LeavesOutWhatItsKindDoesNotTake()
    {
        var control = ControlDefinition.NoSelfApproval("SOD", ["ServiceRequest", "Change"]);

        Assert.Equal(
            """
            {
              "id": "SOD",
              "kind": "noSelfApproval",
              "recordTypes": [
                "Change",
                "ServiceRequest"
              ]
            }
            """.ReplaceLineEndings("\n"),
            control.ToJson().ReplaceLineEndings("\n"));
        Assert.Equal(control.ToString(), ControlDefinition.FromJson(control.ToJson()).ToString());
    }

    [Fact]
    public void Reading_ListsEveryProblemWithItsJsonPath()
    {
        const string json = """
            {
              "controls": [
                { "id": "A", "kind": "noSelfApproval", "days": 3, "recordTypes": ["Incident"] },
                { "id": "B", "kind": "emergencyChangeReviewed", "days": -1, "dayCount": "weekly" },
                { "id": "C", "kind": "noChangeInBlackout", "blackouts": [ { "name": "x", "start": "2026-12-20T00:00:00Z", "end": "2026-12-19T00:00:00Z", "colour": "red" } ] },
                { "id": "D", "kind": "teleport" },
                { "id": "E", "kind": "majorIncidentReviewed" },
                { "id": "F", "kind": "normalChangeAuthorized", "owner": "me" },
                { "id": "G", "kind": "normalChangeAuthorized" },
                { "id": "G", "kind": "normalChangeAuthorized" }
              ]
            }
            """;

        var ex = Assert.Throws<ControlDefinitionException>(() => ControlDefinition.ListFromJson(json));

        Assert.Equal("json", ex.ParamName);
        Assert.Equal("ITSM-GOV-DEF-001", ex.Code);
        Assert.Equal(
            [
                "controls[0].days: is not a parameter of a noSelfApproval control.",
                "controls[0].recordTypes[0]: 'Incident' is not a record type with approvals (expected Change or ServiceRequest).",
                "controls[1].dayCount: 'weekly' is not a day count (expected calendar or business).",
                "controls[2].blackouts[0]: 'colour' is not a blackout window property (expected name, start, end, services).",
                "controls[2].blackouts[0].end: must be after the start.",
                "controls[3].kind: 'teleport' is not a control kind (expected normalChangeAuthorized, emergencyChangeReviewed, noSelfApproval, majorIncidentReviewed, noChangeInBlackout).",
                "controls[4].days: is missing.",
                "controls[4].dayCount: is missing.",
                "controls[5]: 'owner' is not a control property (expected id, name, kind, days, dayCount, recordTypes, blackouts).",
                "controls[7].id: 'G' is used by an earlier control.",
            ],
            ex.Errors);
    }

    [Fact]
    public void Reading_RefusesADocumentWithoutAControlsList_AndTextThatIsNotJson()
    {
        Assert.Equal("Invalid control: the document must be an object with a 'controls' list. (Parameter 'json')", Assert.Throws<ControlDefinitionException>(() => ControlDefinition.ListFromJson("""{ "rules": [] }""")).Message);
        Assert.StartsWith("Invalid control: the text is not valid JSON", Assert.Throws<ControlDefinitionException>(() => ControlDefinition.FromJson("{")).Message, StringComparison.Ordinal);
        Assert.Equal(["control.kind: is missing."], Assert.Throws<ControlDefinitionException>(() => ControlDefinition.FromJson("""{ "id": "A" }""")).Errors);
    }

    [Fact]
    public void Factories_RefuseBadParameters_ListingEveryProblem()
    {
        var ex = Assert.Throws<ControlDefinitionException>(() => ControlDefinition.EmergencyChangeReviewed(" ", 400, (DayCount)9));

        Assert.Equal(
            [
                "id: ' ' is not a valid id (not blank, at most 200 characters, no control characters).",
                "days: 400 is not 0 to 366.",
                "dayCount: 9 is not a day count (calendar or business).",
            ],
            ex.Errors);
        Assert.Equal(["blackouts: must list at least one blackout window."], Assert.Throws<ControlDefinitionException>(() => ControlDefinition.NoChangeInBlackout("F", [])).Errors);
        Assert.Equal(["recordTypes[1]: 'Change' is listed twice."], Assert.Throws<ControlDefinitionException>(() => ControlDefinition.NoSelfApproval("S", [Change.RecordType, Change.RecordType])).Errors);
    }
}

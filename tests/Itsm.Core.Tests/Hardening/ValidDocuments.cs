namespace Itsm.Core.Tests.Hardening;

/// <summary>The valid documents of each definition format the hardening properties damage: the examples of the format's doc.</summary>
internal static class ValidDocuments
{
    /// <summary>The example of docs/sla-definitions-json.md.</summary>
    internal const string Agreements = Sla.AgreementJsonTests.DocumentedExample;

    /// <summary>One agreement of <see cref="Agreements"/>.</summary>
    internal const string Agreement = """
        {
          "id": "OLA-NETWORK",
          "name": "Network team",
          "kind": "ola",
          "scope": {
            "assignmentGroups": [
              "Network"
            ]
          },
          "targets": [
            {
              "metric": "Resolution",
              "durations": {
                "1": "PT2H",
                "2": "PT6H"
              },
              "conditions": {
                "start": true,
                "stop": {
                  "stateIn": [
                    "Resolved",
                    "Closed"
                  ]
                },
                "cancel": {
                  "not": {
                    "field": "assignmentGroup",
                    "in": [
                      "Network"
                    ]
                  }
                }
              }
            }
          ]
        }
        """;

    /// <summary>docs/catalog-items-json.md.</summary>
    internal const string CatalogItems = """
        {
          "items": [
            {
              "id": "laptop",
              "requiresApproval": true,
              "variables": [
                { "name": "model", "kind": "choice", "label": "Model", "required": true,
                  "options": ["standard", "developer"], "default": "standard" },
                { "name": "ram", "kind": "number", "label": "Memory (GB)", "required": true,
                  "min": 16, "max": 64, "integerOnly": true,
                  "visibleWhen": { "variable": "model", "in": ["developer"] } },
                { "name": "justification", "kind": "text", "label": "Business justification", "required": true, "maxLength": 500 },
                { "name": "neededBy", "kind": "date", "min": "2026-01-01", "max": "2027-12-31" },
                { "name": "replaces", "kind": "reference", "target": "configurationItem" },
                { "name": "accessories", "kind": "choice", "options": ["mouse", "keyboard", "dock"], "multiple": true },
                { "name": "costCentre", "kind": "text", "pattern": "[A-Z]{2}-[0-9]{4}" },
                { "name": "express", "kind": "boolean", "default": false },
                { "name": "incident", "kind": "reference", "target": "incident" }
              ]
            },
            { "id": "password-reset", "requiresApproval": false }
          ]
        }
        """;

    /// <summary>A laptop item with a variable of every kind.</summary>
    internal const string CatalogItem = Requests.Catalog.CatalogItemJsonTests.LaptopJson;

    /// <summary>The controls of the governance worked example.</summary>
    internal const string Controls = Governance.ControlWorkedExample.ControlsJson;

    /// <summary>The blackout control of <see cref="Controls"/>.</summary>
    internal const string Control = """
        {
          "id": "CHG-03",
          "name": "No change in a freeze unless emergency",
          "kind": "noChangeInBlackout",
          "blackouts": [
            {
              "name": "Year-end freeze",
              "start": "2026-12-20T00:00:00Z",
              "end": "2027-01-04T00:00:00Z",
              "services": [
                "Payments"
              ]
            }
          ]
        }
        """;

    /// <summary>docs/routing-json.md.</summary>
    internal const string Routing = """
        {
          "rules": {
            "fallback": "service-desk",
            "list": [
              { "name": "vpn-critical", "group": "network", "services": ["vpn"], "priorities": [1, 2] },
              { "name": "london-network", "group": "network", "categories": ["network"], "locations": ["london"] },
              { "name": "crm", "group": "apps", "configurationItems": ["crm-db"] }
            ]
          },
          "schedules": [
            {
              "group": "network",
              "layers": [
                { "name": "weekly", "participants": ["george", "farah"], "handoffEvery": "P1W",
                  "firstHandoff": "2026-04-13T09:00", "timeZone": "Europe/London" },
                { "name": "weekend-days", "participants": ["wendy", "xavier"], "handoffEvery": "P1D",
                  "firstHandoff": "2026-04-13T09:00", "timeZone": "Europe/London",
                  "restrictions": [
                    { "day": "Saturday", "from": "09:00", "to": "17:00" },
                    { "day": "Sunday", "from": "09:00", "to": "17:00" }
                  ] }
              ],
              "overrides": [
                { "start": "2026-04-15T17:00:00Z", "end": "2026-04-16T08:00:00Z", "person": "omar" }
              ]
            }
          ]
        }
        """;

    /// <summary>docs/approvals.md.</summary>
    internal const string ApprovalChain = """
        {
          "name": "Purchase",
          "levels": [
            { "name": "Manager", "rule": "any", "approvers": ["role:manager", "person:ceo"], "due": "PT8H" },
            { "name": "Finance", "rule": "quorum", "count": 2, "approvers": ["role:finance"], "due": "P2D" }
          ]
        }
        """;

    /// <summary>The incident example of docs/workflow-json.md.</summary>
    internal const string Workflow = Workflows.WorkflowJsonTests.IncidentExample;
}

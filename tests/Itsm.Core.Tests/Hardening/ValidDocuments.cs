namespace Itsm.Core.Tests.Hardening;

/// <summary>The valid documents of each definition format the hardening properties damage: the examples of the format's doc.</summary>
internal static class ValidDocuments
{
    /// <summary>docs/sla-definitions-json.md.</summary>
    internal const string Agreements = """
        {
          "agreements": [
            {
              "id": "SLA-EMAIL-GOLD",
              "name": "E-mail, gold support",
              "kind": "sla",
              "scope": { "services": ["Email"], "priorities": [1, 2, 3] },
              "targets": [
                {
                  "metric": "Response",
                  "durations": { "1": "PT15M", "2": "PT30M", "3": "PT2H" },
                  "calendar": "uk-office",
                  "warningThresholds": [50, 75],
                  "conditions": {
                    "start": { "stateIn": ["New", "InProgress", "OnHold"] },
                    "stop": { "not": { "stateIn": ["New"] } },
                    "cancel": { "stateIn": ["Canceled"] }
                  }
                },
                {
                  "metric": "Resolution",
                  "durations": { "1": "PT4H", "2": "PT8H", "3": "PT24H" },
                  "calendar": "uk-office",
                  "conditions": {
                    "start": { "stateIn": ["New", "InProgress", "OnHold"] },
                    "pause": { "all": [ { "stateIn": ["OnHold"] }, { "onHoldReasonIn": ["AwaitingCaller", "AwaitingVendor"] } ] },
                    "stop": { "stateIn": ["Resolved", "Closed"] },
                    "cancel": { "stateIn": ["Canceled"] },
                    "reset": { "field": "attributes.reopened", "in": ["true"] }
                  },
                  "priorityChange": "cancelAndRestartRetroactive",
                  "retroactivePauses": true
                }
              ]
            },
            {
              "id": "OLA-NETWORK",
              "name": "Network team",
              "kind": "ola",
              "scope": { "assignmentGroups": ["Network"] },
              "targets": [
                {
                  "metric": "Resolution",
                  "durations": { "1": "PT2H", "2": "PT6H" },
                  "conditions": {
                    "start": true,
                    "stop": { "stateIn": ["Resolved", "Closed"] },
                    "cancel": { "not": { "field": "assignmentGroup", "in": ["Network"] } }
                  }
                }
              ]
            }
          ]
        }
        """;

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

    /// <summary>The laptop of <see cref="CatalogItems"/>.</summary>
    internal const string CatalogItem = """
        {
          "id": "laptop",
          "requiresApproval": true,
          "variables": [
            {
              "name": "model",
              "kind": "choice",
              "label": "Model",
              "required": true,
              "options": [
                "standard",
                "developer"
              ],
              "default": "standard"
            },
            {
              "name": "ram",
              "kind": "number",
              "label": "Memory (GB)",
              "required": true,
              "min": 16,
              "max": 64,
              "integerOnly": true,
              "visibleWhen": {
                "variable": "model",
                "in": [
                  "developer"
                ]
              }
            },
            {
              "name": "justification",
              "kind": "text",
              "label": "Business justification",
              "required": true,
              "maxLength": 500
            },
            {
              "name": "neededBy",
              "kind": "date",
              "min": "2026-01-01",
              "max": "2027-12-31"
            },
            {
              "name": "replaces",
              "kind": "reference",
              "target": "configurationItem"
            },
            {
              "name": "accessories",
              "kind": "choice",
              "options": [
                "mouse",
                "keyboard",
                "dock"
              ],
              "multiple": true
            },
            {
              "name": "costCentre",
              "kind": "text",
              "pattern": "[A-Z]{2}-[0-9]{4}"
            },
            {
              "name": "express",
              "kind": "boolean",
              "default": false
            },
            {
              "name": "incident",
              "kind": "reference",
              "target": "incident"
            }
          ]
        }
        """;

    /// <summary>docs/governance.md.</summary>
    internal const string Controls = """
        {
          "controls": [
            { "id": "CHG-01", "name": "Normal changes authorised before implementation", "kind": "normalChangeAuthorized" },
            { "id": "CHG-02", "name": "Emergency changes reviewed within 5 business days", "kind": "emergencyChangeReviewed", "days": 5, "dayCount": "business" },
            { "id": "CHG-03", "name": "No change in a freeze unless emergency", "kind": "noChangeInBlackout",
              "blackouts": [ { "name": "Year-end freeze", "start": "2026-12-20T00:00:00Z", "end": "2027-01-04T00:00:00Z", "services": ["Payments"] } ] },
            { "id": "SOD-01", "name": "No self-approval", "kind": "noSelfApproval" },
            { "id": "INC-01", "name": "Major incidents reviewed within 10 days", "kind": "majorIncidentReviewed", "days": 10, "dayCount": "calendar" }
          ]
        }
        """;

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

    /// <summary>docs/workflow-json.md.</summary>
    internal const string Workflow = """
        {
          "id": "acme-incident",
          "lifecycle": "Incident",
          "versions": [
            {
              "version": 1,
              "states": [
                { "name": "Triage", "parent": "New" },
                { "name": "Investigating", "parent": "InProgress" },
                { "name": "Awaiting Vendor", "parent": "InProgress" }
              ],
              "transitions": [
                { "name": "wait-for-vendor", "from": "Investigating", "to": "Awaiting Vendor", "guard": { "requires": ["Supplier"] } },
                { "name": "vendor-replied", "from": "Awaiting Vendor", "to": "Investigating" }
              ]
            },
            {
              "version": 2,
              "states": [
                { "name": "Triage", "parent": "New" },
                { "name": "Investigating", "parent": "InProgress", "entry": true },
                { "name": "Awaiting Change", "parent": "InProgress", "blocks": ["Resolve"] },
                { "name": "Reopened", "parent": "InProgress" },
                { "name": "Pending Confirmation", "parent": "Resolved" }
              ],
              "transitions": [
                { "name": "wait-for-change", "from": "Investigating", "to": "Awaiting Change",
                  "guard": { "roles": ["agent", "major-incident-manager"], "requires": ["AssignmentGroup"] } },
                { "name": "change-released", "from": "Awaiting Change", "to": "Investigating", "guard": { "when": "change-is-released" } },
                { "name": "take-over", "from": "Reopened", "to": "Investigating", "guard": { "roles": ["agent"] } },
                { "on": "Reopen", "from": "Pending Confirmation", "to": "Reopened" }
              ],
              "migration": { "Awaiting Vendor": "Investigating" }
            }
          ]
        }
        """;
}

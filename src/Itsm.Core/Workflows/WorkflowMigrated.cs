using System.Collections.Generic;
using System.Globalization;
using Itsm.Common;

namespace Itsm.Workflows;

/// <summary>
/// A record moved to another version of its workflow (or, from none, under a workflow; or from a workflow its tenant
/// no longer starts records under, to the current one), its custom state mapped by the new version's migration. Its
/// library state is unchanged. Shared by every record type that runs workflows.
/// </summary>
/// <remarks>Audit entry: command <c>MigrateWorkflow</c>; data keys <c>workflow</c>, <c>fromWorkflow</c> (only when the
/// record ran a workflow with another id), <c>fromVersion</c> (left out from none), <c>version</c>,
/// <c>fromWorkflowState</c> (left out from none) and <c>workflowState</c> (<see cref="AuditEntry.WorkflowState"/>,
/// always present).</remarks>
/// <param name="WorkflowId">The id of the workflow the record runs now.</param>
/// <param name="FromVersion">The version the record ran under (of <paramref name="FromWorkflowId"/> when that is set), or <see langword="null"/> for none.</param>
/// <param name="ToVersion">The version it runs under now.</param>
/// <param name="FromState">The custom state it was in, or <see langword="null"/> for none.</param>
/// <param name="ToState">The custom state it is in now.</param>
/// <param name="FromWorkflowId">The id of the workflow the record ran before when it is not <paramref name="WorkflowId"/> (a migration
/// from a retained workflow, <see cref="WorkflowCatalog.Retaining(Workflow)"/>); <see langword="null"/> for another version of the same
/// workflow or from none.</param>
public sealed record WorkflowMigrated(string WorkflowId, int? FromVersion, int ToVersion, string? FromState, string ToState, string? FromWorkflowId = null) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "MigrateWorkflow";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() =>
        AuditData.Of(
            ("workflow", WorkflowId),
            ("fromWorkflow", FromWorkflowId),
            ("fromVersion", FromVersion?.ToString(CultureInfo.InvariantCulture)),
            ("version", ToVersion.ToString(CultureInfo.InvariantCulture)),
            ("fromWorkflowState", FromState),
            (AuditEntry.WorkflowStateKey, ToState));

    internal static WorkflowMigrated? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var from = r.Optional("fromVersion");
        var ok = int.TryParse(r.Required("version"), NumberStyles.None, CultureInfo.InvariantCulture, out var version);
        int? fromVersion = null;
        if (from is not null)
        {
            ok &= int.TryParse(from, NumberStyles.None, CultureInfo.InvariantCulture, out var f);
            fromVersion = f;
        }

        var read = new WorkflowMigrated(r.Required("workflow"), fromVersion, version, r.Optional("fromWorkflowState"), r.Required(AuditEntry.WorkflowStateKey), r.Optional("fromWorkflow"));
        return r.Ok && ok ? read : null;
    }
}

using System;
using Itsm.Common;
using Itsm.Text;

namespace Itsm.Workflows;

/// <summary>
/// A stored record runs a workflow version the engine's <see cref="WorkflowCatalog"/> no longer holds for the record's
/// tenant in any form (current, a version the current one replaces, or retained), so the record cannot be loaded. A
/// configuration error, not damaged data: the stored state and audit log are untouched, and the record reads again as
/// soon as the catalog holds the version (<see cref="WorkflowCatalog.Retaining(Workflow)"/>).
/// </summary>
/// <remarks>
/// The engine reports it as the <see cref="Exception.InnerException"/> of the store's
/// <c>Itsm.Persistence.CorruptRecordException</c>, so every path that handles unreadable records (the bulk migration's
/// <c>Unreadable</c> list, a host's error mapping) handles it too; a host tells it apart with
/// <c>catch (CorruptRecordException e) when (e.InnerException is MissingWorkflowException missing)</c>. The message quotes
/// the stored id cut short, so it stays bounded whatever the stored text.
/// </remarks>
public sealed class MissingWorkflowException : InvalidOperationException
{
    /// <summary>The stable code of this error.</summary>
    public const string ErrorCode = "ITSM-WF-MISSING-001";

    /// <summary>Creates the exception.</summary>
    /// <param name="tenant">The record's tenant.</param>
    /// <param name="lifecycle">The record's lifecycle, for example <c>Incident</c>.</param>
    /// <param name="workflowId">The workflow id the record stores.</param>
    /// <param name="version">The version the record stores.</param>
    public MissingWorkflowException(TenantId tenant, string lifecycle, string workflowId, int version)
        : base($"The {QuotedText.Of(lifecycle)} workflow '{QuotedText.Of(workflowId)}' version {version} is not in the engine's workflow catalog for tenant '{QuotedText.Of(tenant.Value)}'; keep it while records still run it (a later version that replaces it, or WorkflowCatalog.Retaining).")
    {
        Tenant = tenant;
        Lifecycle = lifecycle;
        WorkflowId = workflowId;
        Version = version;
    }

    /// <summary>The stable code, <see cref="ErrorCode"/>, so a host maps it like the library's other errors.</summary>
    public string Code => ErrorCode;

    /// <summary>The record's tenant.</summary>
    public TenantId Tenant { get; }

    /// <summary>The record's lifecycle, for example <c>Incident</c> or <c>Change.Normal</c>.</summary>
    public string Lifecycle { get; }

    /// <summary>The workflow id the record stores, as stored (not cut).</summary>
    public string WorkflowId { get; }

    /// <summary>The version the record stores.</summary>
    public int Version { get; }
}

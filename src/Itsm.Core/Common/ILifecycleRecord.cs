using System.Collections.Generic;

namespace Itsm.Common;

/// <summary>What every lifecycle aggregate exposes to persistence: its key, version and unsaved audit entries.</summary>
internal interface ILifecycleRecord
{
    TenantId Tenant { get; }

    /// <summary>The record's id as text, as audit entries and stores carry it.</summary>
    string RecordId { get; }

    long Version { get; }

    /// <summary>The record's ticket number as the engine formats it; set by the engine on load and on create.</summary>
    string? Number { get; set; }

    IReadOnlyList<AuditEntry> UncommittedAuditEntries { get; }

    void AcceptAuditEntries();
}

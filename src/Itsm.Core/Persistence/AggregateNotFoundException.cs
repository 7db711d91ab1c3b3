using Itsm.Common;

namespace Itsm.Persistence;

/// <summary>No record with the given tenant, type and id exists. Records of other tenants are never visible.</summary>
public sealed class AggregateNotFoundException : PersistenceException
{
    /// <summary>The stable code of this error.</summary>
    public const string ErrorCode = "ITSM-PERSIST-NOTFOUND-001";

    /// <summary>Creates the exception.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="recordType">The record type.</param>
    /// <param name="recordId">The record id.</param>
    public AggregateNotFoundException(TenantId tenant, string recordType, string recordId)
        : base(ErrorCode, $"{Itsm.Text.QuotedText.Of(recordType)} '{Itsm.Text.QuotedText.Of(recordId)}' of tenant '{Itsm.Text.QuotedText.Of(tenant.ToString())}' does not exist.")
    {
        Tenant = tenant;
        RecordType = recordType;
        RecordId = recordId;
    }

    /// <summary>The tenant.</summary>
    public TenantId Tenant { get; }

    /// <summary>The record type.</summary>
    public string RecordType { get; }

    /// <summary>The record id.</summary>
    public string RecordId { get; }
}

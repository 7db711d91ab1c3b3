using System;
using Itsm.Common;

namespace Itsm.Persistence;

/// <summary>
/// A stored record could not be read back (its state is not valid JSON, or does not describe a
/// record of its type). The store was not changed; the record stays as it is for inspection.
/// </summary>
public sealed class CorruptRecordException : PersistenceException
{
    /// <summary>The stable code of this error.</summary>
    public const string ErrorCode = "ITSM-PERSIST-CORRUPT-001";

    /// <summary>Creates the exception.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="recordType">The record type.</param>
    /// <param name="recordId">The record id.</param>
    /// <param name="reason">What is wrong with it.</param>
    /// <param name="innerException">The parser's error, if any.</param>
    public CorruptRecordException(TenantId tenant, string recordType, string recordId, string reason, Exception? innerException = null)
        : base(ErrorCode, $"{recordType} '{recordId}' of tenant '{tenant}' is stored in a form that cannot be read: {reason}", innerException)
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

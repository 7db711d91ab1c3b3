using System;
using Itsm.Common;

namespace Itsm.Persistence;

/// <summary>
/// A stored record could not be read back (its state is not valid JSON, or does not describe a
/// record of its type). The store was not changed; the record stays as it is for inspection.
/// </summary>
/// <remarks>The message is bounded whatever the stored text: the record type and id are quoted cut short, with control
/// characters and unpaired surrogates escaped, and the reason is cut to 512 characters.</remarks>
public sealed class CorruptRecordException : PersistenceException
{
    /// <summary>The stable code of this error.</summary>
    public const string ErrorCode = "ITSM-PERSIST-CORRUPT-001";

    // The reason often quotes a parser's message, which may quote the stored (possibly huge or hostile) value.
    private const int MaxReason = 512;

    /// <summary>Creates the exception.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="recordType">The record type.</param>
    /// <param name="recordId">The record id.</param>
    /// <param name="reason">What is wrong with it.</param>
    /// <param name="innerException">The parser's error, if any.</param>
    public CorruptRecordException(TenantId tenant, string recordType, string recordId, string reason, Exception? innerException = null)
        : base(ErrorCode, $"{Itsm.Text.QuotedText.Of(recordType)} '{Itsm.Text.QuotedText.Of(recordId)}' of tenant '{Itsm.Text.QuotedText.Of(tenant.ToString())}' is stored in a form that cannot be read: {Itsm.Text.QuotedText.Of(reason, MaxReason)}", innerException)
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

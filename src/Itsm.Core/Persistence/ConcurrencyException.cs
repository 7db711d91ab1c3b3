using Itsm.Common;

namespace Itsm.Persistence;

/// <summary>
/// A save was refused because the record changed since it was loaded (or, for a new record,
/// because a record with that id already exists). Nothing was written. Load the record again,
/// run the command again, and save; the error is always safe to retry that way.
/// </summary>
public sealed class ConcurrencyException : PersistenceException
{
    /// <summary>The stable code of this error.</summary>
    public const string ErrorCode = "ITSM-PERSIST-CONCURRENCY-001";

    /// <summary>Creates the exception.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="recordType">The record type.</param>
    /// <param name="recordId">The record id.</param>
    /// <param name="expectedVersion">The version the writer loaded (0 for a new record).</param>
    /// <param name="actualVersion">The version in the store (0 when there is no record).</param>
    public ConcurrencyException(TenantId tenant, string recordType, string recordId, long expectedVersion, long actualVersion)
        : base(ErrorCode, Describe(tenant, recordType, recordId, expectedVersion, actualVersion))
    {
        Tenant = tenant;
        RecordType = recordType;
        RecordId = recordId;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>The tenant.</summary>
    public TenantId Tenant { get; }

    /// <summary>The record type.</summary>
    public string RecordType { get; }

    /// <summary>The record id.</summary>
    public string RecordId { get; }

    /// <summary>The version the writer loaded (0 for a new record).</summary>
    public long ExpectedVersion { get; }

    /// <summary>The version in the store when the save was refused (0 when there is no record).</summary>
    public long ActualVersion { get; }

    private static string Describe(TenantId tenant, string recordType, string recordId, long expected, long actual) =>
        expected == 0
            ? $"{Itsm.Text.QuotedText.Of(recordType)} '{Itsm.Text.QuotedText.Of(recordId)}' of tenant '{Itsm.Text.QuotedText.Of(tenant.ToString())}' already exists (version {actual}); it cannot be created again."
            : actual == 0
                ? $"{Itsm.Text.QuotedText.Of(recordType)} '{Itsm.Text.QuotedText.Of(recordId)}' of tenant '{Itsm.Text.QuotedText.Of(tenant.ToString())}' was expected at version {expected} but does not exist."
                : $"{Itsm.Text.QuotedText.Of(recordType)} '{Itsm.Text.QuotedText.Of(recordId)}' of tenant '{Itsm.Text.QuotedText.Of(tenant.ToString())}' was expected at version {expected} but is at version {actual}; load it again and retry.";
}

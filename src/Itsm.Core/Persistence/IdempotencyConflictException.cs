using Itsm.Common;

namespace Itsm.Persistence;

/// <summary>
/// An idempotency key was used again with a different payload (another command, another record,
/// or other data). Nothing was written; the first command's result stands.
/// </summary>
public sealed class IdempotencyConflictException : PersistenceException
{
    /// <summary>The stable code of this error.</summary>
    public const string ErrorCode = "ITSM-PERSIST-IDEMPOTENCY-001";

    /// <summary>Creates the exception.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="key">The idempotency key.</param>
    public IdempotencyConflictException(TenantId tenant, string key)
        : base(ErrorCode, $"Idempotency key '{Itsm.Text.QuotedText.Of(key)}' of tenant '{Itsm.Text.QuotedText.Of(tenant.ToString())}' was already used with a different payload.")
    {
        Tenant = tenant;
        Key = key;
    }

    /// <summary>The tenant.</summary>
    public TenantId Tenant { get; }

    /// <summary>The idempotency key.</summary>
    public string Key { get; }
}

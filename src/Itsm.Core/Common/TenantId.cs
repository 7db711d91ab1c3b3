using System;
using Ardalis.GuardClauses;

namespace Itsm.Common;

/// <summary>
/// The tenant a record belongs to. It is part of every key and every query: no API of Itsm.Core
/// reads across tenants.
/// </summary>
/// <remarks><c>default(TenantId)</c> has a null <see cref="Value"/> and is rejected wherever a tenant is required.</remarks>
public readonly record struct TenantId
{
    /// <summary>Creates a tenant id.</summary>
    /// <param name="value">A non-empty id of at most 100 characters, valid as <see cref="IdText"/> says.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, blank, longer than 100 characters, or holds an unpaired surrogate or a control character.</exception>
    public TenantId(string value)
    {
        Guard.Against.NullOrWhiteSpace(value);
        Guard.Against.StringTooLong(value, 100);
        IdText.Check(value, nameof(value));
        Value = value;
    }

    /// <summary>The id.</summary>
    public string Value { get; }

    /// <summary>The id.</summary>
    /// <returns>The id.</returns>
    public override string ToString() => Value ?? string.Empty;
}

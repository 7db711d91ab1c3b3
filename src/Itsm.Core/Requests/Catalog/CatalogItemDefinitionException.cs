using System;
using System.Collections.Generic;

namespace Itsm.Requests;

/// <summary>
/// A catalog item definition is invalid: thrown when a <see cref="CatalogItem"/> is created or read from JSON,
/// listing every problem found, each naming where it is (for example <c>item.variables[2].pattern: ...</c>).
/// </summary>
public sealed class CatalogItemDefinitionException : ArgumentException
{
    /// <summary>The stable code of this error.</summary>
    public const string ErrorCode = "ITSM-REQ-CATALOG-DEF-001";

    /// <summary>Creates the exception from the list of problems.</summary>
    /// <param name="errors">Every problem found.</param>
    /// <param name="paramName">The parameter the definition came from, if any.</param>
    public CatalogItemDefinitionException(IReadOnlyList<string> errors, string? paramName = null)
        : base(Common.ErrorList.Format("catalog item", errors ?? []), paramName)
    {
        Errors = errors ?? [];
    }

    /// <summary>Every problem found in the definition.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The stable code of this error: <see cref="ErrorCode"/>.</summary>
    public string Code => ErrorCode;
}

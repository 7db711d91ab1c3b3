using System;
using System.Collections.Generic;

namespace Itsm.Sla;

/// <summary>
/// An agreement definition is invalid: thrown when an <see cref="Agreement"/> is created or loaded
/// from JSON, listing every problem found, each naming where it is.
/// </summary>
public sealed class SlaDefinitionException : ArgumentException
{
    /// <summary>The stable code of this error.</summary>
    public const string ErrorCode = "ITSM-SLA-DEF-001";

    /// <summary>Creates the exception from the list of problems.</summary>
    /// <param name="errors">Every problem found.</param>
    /// <param name="paramName">The parameter the definition came from, if any.</param>
    public SlaDefinitionException(IReadOnlyList<string> errors, string? paramName = null)
        : base(BuildMessage(errors), paramName)
    {
        Errors = errors;
    }

    /// <summary>Every problem found in the definition.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The stable code of this error: <see cref="ErrorCode"/>.</summary>
    public string Code => ErrorCode;

    private static string BuildMessage(IReadOnlyList<string> errors) => Itsm.Common.ErrorList.Format("agreement", errors);
}

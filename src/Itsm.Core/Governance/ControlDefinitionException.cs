using System;
using System.Collections.Generic;

namespace Itsm.Governance;

/// <summary>
/// A control definition is invalid: thrown when a <see cref="ControlDefinition"/> is created or read from
/// JSON, listing every problem found, each naming where it is (a JSON path when read from JSON).
/// </summary>
public sealed class ControlDefinitionException : ArgumentException
{
    /// <summary>The stable code of this error.</summary>
    public const string ErrorCode = "ITSM-GOV-DEF-001";

    /// <summary>Creates the exception from the list of problems.</summary>
    /// <param name="errors">Every problem found.</param>
    /// <param name="paramName">The parameter the definition came from, if any.</param>
    public ControlDefinitionException(IReadOnlyList<string> errors, string? paramName = null)
        : base(Itsm.Common.ErrorList.Format("control", errors), paramName)
    {
        Errors = errors;
    }

    /// <summary>Every problem found in the definition.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The stable code of this error: <see cref="ErrorCode"/>.</summary>
    public string Code => ErrorCode;
}

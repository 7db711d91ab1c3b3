using System;
using System.Collections.Generic;

namespace Itsm.Approvals;

/// <summary>
/// An approval chain read from JSON (<see cref="ApprovalChain.FromJson"/>) is invalid: lists every problem found, each
/// naming where it is (for example <c>levels[0].rule: 'most' is not any, all or quorum.</c>), or the one reason the
/// text cannot be read at all (<c>the text is not valid JSON: ...</c>).
/// </summary>
/// <remarks>
/// An <see cref="ArgumentException"/> naming the parameter the text came from (<c>json</c>), like the other definition
/// readers' exceptions (<c>RoutingDefinitionException</c>, <c>ControlDefinitionException</c>), so a host that caught
/// <see cref="ArgumentException"/> still does. The message lists at most 20 problems and counts the rest;
/// <see cref="Errors"/> holds them all.
/// </remarks>
public sealed class ApprovalChainDefinitionException : ArgumentException
{
    /// <summary>The stable code of this error.</summary>
    public const string ErrorCode = "ITSM-APPROVAL-DEF-001";

    /// <summary>Creates the exception from the list of problems.</summary>
    /// <param name="errors">Every problem found.</param>
    /// <param name="paramName">The parameter the definition came from, if any.</param>
    public ApprovalChainDefinitionException(IReadOnlyList<string> errors, string? paramName = null)
        : base(Itsm.Common.ErrorList.Format("approval chain", errors), paramName)
    {
        Errors = errors;
    }

    /// <summary>Every problem found in the definition.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The stable code of this error: <see cref="ErrorCode"/>.</summary>
    public string Code => ErrorCode;
}

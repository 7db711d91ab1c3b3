using System;
using System.Collections.Generic;

namespace Itsm.Routing;

/// <summary>
/// A routing definition read from JSON (<see cref="RoutingDefinition.FromJson"/>) is invalid: lists every problem
/// found, each naming where it is (for example <c>schedules[0].layers[1].handoffEvery: ...</c>).
/// </summary>
public sealed class RoutingDefinitionException : ArgumentException
{
    /// <summary>The stable code of this error.</summary>
    public const string ErrorCode = "ITSM-ROUTE-DEF-001";

    /// <summary>Creates the exception from the list of problems.</summary>
    /// <param name="errors">Every problem found.</param>
    /// <param name="paramName">The parameter the definition came from, if any.</param>
    public RoutingDefinitionException(IReadOnlyList<string> errors, string? paramName = null)
        : base(Itsm.Common.ErrorList.Format("routing definition", errors), paramName)
    {
        Errors = errors;
    }

    /// <summary>Every problem found in the definition.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The stable code of this error: <see cref="ErrorCode"/>.</summary>
    public string Code => ErrorCode;
}

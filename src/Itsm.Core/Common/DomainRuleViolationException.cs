using System;
using Ardalis.GuardClauses;

namespace Itsm.Common;

/// <summary>
/// A command was refused because it breaks a domain rule (for example "an on-hold reason of
/// AwaitingCaller needs a comment"). Nothing changed. <see cref="Code"/> is stable, so a host can map
/// it to an HTTP problem type or a message of its own.
/// </summary>
public sealed class DomainRuleViolationException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">The stable code of the rule, for example <c>"ITSM-INC-HOLD-001"</c>.</param>
    /// <param name="message">What rule was broken, as a sentence.</param>
    public DomainRuleViolationException(string code, string message)
        : base(message)
    {
        Code = Guard.Against.NullOrWhiteSpace(code);
    }

    /// <summary>The stable code of the rule.</summary>
    public string Code { get; }
}

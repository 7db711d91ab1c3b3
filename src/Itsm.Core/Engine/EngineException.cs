using System;
using Ardalis.GuardClauses;

namespace Itsm.Engine;

/// <summary>
/// The base of the errors the engine itself reports about a command, as opposed to what a store
/// reports (<see cref="Itsm.Persistence.PersistenceException"/>) or what a record's lifecycle refuses
/// (<see cref="Itsm.Common.InvalidTransitionException"/>, <see cref="Itsm.Common.DomainRuleViolationException"/>).
/// <see cref="Code"/> is stable, so a host can map it to an HTTP problem type or a message.
/// </summary>
public abstract class EngineException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">The stable code, for example <c>"ITSM-AUTH-DENIED-001"</c>.</param>
    /// <param name="message">What went wrong, as a sentence.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    protected EngineException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = Guard.Against.NullOrWhiteSpace(code);
    }

    /// <summary>The stable code of the error.</summary>
    public string Code { get; }
}

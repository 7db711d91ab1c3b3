using System;
using Ardalis.GuardClauses;

namespace Itsm.Persistence;

/// <summary>
/// The base of every error a store reports about stored records (the engine's own errors derive from <see cref="Itsm.Engine.EngineException"/>).
/// <see cref="Code"/> is stable, so a host can map it to an HTTP problem type or a message.
/// </summary>
public abstract class PersistenceException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">The stable code, for example <c>"ITSM-PERSIST-CONCURRENCY-001"</c>.</param>
    /// <param name="message">What went wrong, as a sentence.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    protected PersistenceException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = Guard.Against.NullOrWhiteSpace(code);
    }

    /// <summary>The stable code of the error.</summary>
    public string Code { get; }
}

using System;

namespace Itsm.Persistence;

/// <summary>
/// The store cannot be used: the database file is not a database, is read-only, its schema is
/// newer than this version understands, or the server refused the connection. Nothing was written.
/// The message names the store (a path or a server) and the reason; <see cref="Exception.InnerException"/>
/// holds the driver's error.
/// </summary>
public sealed class StoreUnavailableException : PersistenceException
{
    /// <summary>The stable code of this error.</summary>
    public const string ErrorCode = "ITSM-PERSIST-STORE-001";

    // A store's message may quote a driver's message or a path: cut, so no input makes an unbounded message.
    private const int MaxMessage = 1024;

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What store cannot be used and why; cut to 1,024 characters, control characters escaped.</param>
    /// <param name="innerException">The driver's error, if any.</param>
    public StoreUnavailableException(string message, Exception? innerException = null)
        : base(ErrorCode, Itsm.Text.QuotedText.Of(message, MaxMessage), innerException)
    {
    }
}

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

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What store cannot be used and why.</param>
    /// <param name="innerException">The driver's error, if any.</param>
    public StoreUnavailableException(string message, Exception? innerException = null)
        : base(ErrorCode, message, innerException)
    {
    }
}

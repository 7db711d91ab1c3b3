using System;

namespace Itsm.Import;

/// <summary>A row of a ticket cannot be replayed (a missing or unmapped value); the ticket is refused with <see cref="Category"/>.</summary>
internal sealed class RowException(string category, string message) : Exception(message)
{
    internal string Category { get; } = category;
}

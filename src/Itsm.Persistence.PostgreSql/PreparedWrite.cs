using System;

namespace Itsm.Persistence;

/// <summary>PostgreSQL's part of the shared <see cref="PreparedWrite"/>: its text cannot hold U+0000.</summary>
internal sealed partial class PreparedWrite
{
    static partial void CheckStorableText(string? text, string field)
    {
        if (text is not null && text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{field} contains the character U+0000, which PostgreSQL text cannot store.", "write");
        }
    }
}

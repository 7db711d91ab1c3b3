using System.Collections.Generic;

namespace Itsm.Common;

/// <summary>Formats the message of an exception that lists every problem of a definition.</summary>
internal static class ErrorList
{
    /// <summary>Lists at most <c>QuotedText.MaxListed</c> problems, then how many more: a message stays bounded whatever the input.</summary>
    internal static string Format(string subject, IReadOnlyList<string> errors) => Itsm.Text.QuotedText.Problems(subject, errors);
}

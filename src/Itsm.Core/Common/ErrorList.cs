using System;
using System.Collections.Generic;

namespace Itsm.Common;

/// <summary>Formats the message of an exception that lists every problem of a definition.</summary>
internal static class ErrorList
{
    internal static string Format(string subject, IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 1
            ? $"Invalid {subject}: {errors[0]}"
            : $"Invalid {subject} ({errors.Count} problems):" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", errors);
    }
}

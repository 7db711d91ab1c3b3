using System;
using System.Collections.Generic;
using System.Linq;

namespace Itsm.Import;

/// <summary>
/// An import mapping is invalid: thrown when one is loaded from JSON, listing every problem found,
/// each naming where it is (a JSON path such as <c>$.states[3].holdReason</c>).
/// </summary>
public sealed class ImportMappingException : ArgumentException
{
    /// <summary>The stable code of this error.</summary>
    public const string ErrorCode = "ITSM-IMPORT-MAP-001";

    /// <summary>Creates the exception from the list of problems.</summary>
    /// <param name="errors">Every problem found.</param>
    /// <param name="paramName">The parameter the mapping came from, if any.</param>
    public ImportMappingException(IReadOnlyList<string> errors, string? paramName = null)
        : base(BuildMessage(errors), paramName)
    {
        Errors = errors;
    }

    /// <summary>Every problem found in the mapping.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The stable code of this error: <see cref="ErrorCode"/>.</summary>
    public string Code => ErrorCode;

    private static string BuildMessage(IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        // The message lists the first problems only, so a mapping with thousands of bad entries keeps a short message; Errors holds them all.
        const int MaxListed = 20;
        return errors.Count == 1
            ? $"Invalid import mapping: {errors[0]}"
            : $"Invalid import mapping ({errors.Count} problems):" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", errors.Take(MaxListed))
                + (errors.Count > MaxListed ? Environment.NewLine + $"- and {errors.Count - MaxListed} more." : string.Empty);
    }
}

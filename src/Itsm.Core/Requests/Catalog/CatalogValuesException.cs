using System;
using System.Collections.Generic;
using System.Linq;

namespace Itsm.Requests;

/// <summary>
/// A request's answers do not fit its catalog item: thrown when the request is submitted, listing every
/// problem at once, each with its variable and stable code, so a form can mark every field in one round
/// trip. Nothing changed. Like <see cref="Common.FieldLimitException"/>, it is an <see cref="ArgumentException"/>
/// naming the parameter (the answers are the caller's input), with a stable <see cref="Code"/>.
/// </summary>
public sealed class CatalogValuesException : ArgumentException
{
    /// <summary>The stable code of this error.</summary>
    public const string ErrorCode = "ITSM-REQ-VARS-001";

    /// <summary>Creates the exception.</summary>
    /// <param name="itemId">The catalog item's id.</param>
    /// <param name="problems">Every problem found; at least one.</param>
    /// <param name="paramName">The parameter the answers came from.</param>
    public CatalogValuesException(string itemId, IReadOnlyList<CatalogProblem> problems, string? paramName = null)
        : base(Common.ErrorList.Format($"answers to catalog item '{Common.IdText.Quote(itemId ?? "")}'", (problems ?? []).Select(p => p.ToString()).ToList()), paramName)
    {
        Problems = problems ?? [];
    }

    /// <summary>The stable code of this error: <see cref="ErrorCode"/>; each problem has its own.</summary>
    public string Code => ErrorCode;

    /// <summary>Every problem found, in the order of the item's variables, then unknown names in ordinal order.</summary>
    public IReadOnlyList<CatalogProblem> Problems { get; }
}

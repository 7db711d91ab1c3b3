using System;

namespace Itsm.Common;

/// <summary>The id of a problem.</summary>
/// <param name="Value">The id; <see cref="Guid.Empty"/> is not a valid id.</param>
public readonly record struct ProblemId(Guid Value)
{
    /// <summary>A new, random id.</summary>
    /// <returns>The id.</returns>
    public static ProblemId New() => new(Guid.NewGuid());

    /// <summary>The id as text (a GUID in "D" format); this is what an incident's <c>RelatedProblem</c> holds.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Value.ToString("D");
}

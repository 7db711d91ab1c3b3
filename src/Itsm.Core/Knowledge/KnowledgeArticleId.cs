using System;

namespace Itsm.Knowledge;

/// <summary>The id of a knowledge article.</summary>
/// <param name="Value">The id; <see cref="Guid.Empty"/> is not a valid id.</param>
public readonly record struct KnowledgeArticleId(Guid Value)
{
    /// <summary>A new, random id.</summary>
    /// <returns>The id.</returns>
    public static KnowledgeArticleId New() => new(Guid.NewGuid());

    /// <summary>The id as text (a GUID in "D" format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Value.ToString("D");
}

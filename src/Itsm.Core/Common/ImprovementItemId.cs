using System;

namespace Itsm.Common;

/// <summary>The id of an improvement item of the continual improvement register.</summary>
/// <param name="Value">The id; <see cref="Guid.Empty"/> is not a valid id.</param>
public readonly record struct ImprovementItemId(Guid Value)
{
    /// <summary>A new, random id.</summary>
    /// <returns>The id.</returns>
    public static ImprovementItemId New() => new(Guid.NewGuid());

    /// <summary>The id as text (a GUID in "D" format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Value.ToString("D");
}

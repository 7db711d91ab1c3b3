namespace Itsm.Services;

/// <summary>One gap in a service's readiness: the dimension it belongs to and what is missing.</summary>
/// <param name="Dimension">The dimension of service management the gap is in.</param>
/// <param name="Description">What is missing, as a sentence naming the service and the item concerned.</param>
public sealed record ReadinessGap(ServiceDimension Dimension, string Description)
{
    /// <summary>The gap as <c>"Dimension: description"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Dimension}: {Description}";
}

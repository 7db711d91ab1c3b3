namespace Itsm.Engine;

/// <summary>What <see cref="ItsmEngine.RecomputeSlaAsync"/> did.</summary>
/// <param name="Recomputed">Tickets whose clocks were recomputed (each with a <c>RecomputeSla</c> audit entry).</param>
/// <param name="Skipped">Tickets listed as open that closed, vanished or changed concurrently before their recompute.</param>
public sealed record SlaRecomputeResult(int Recomputed, int Skipped);

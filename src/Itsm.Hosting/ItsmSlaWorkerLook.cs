namespace Itsm.Hosting;

/// <summary>What one look of the <see cref="ItsmSlaWorker"/> at the due index did (<see cref="ItsmSlaWorker.RunOnceAsync"/>).</summary>
/// <param name="Recorded">How many commands it recorded (thresholds, escalations, closes).</param>
/// <param name="HasMore">Whether a tenant had a full batch of due records, so more may be due: the worker looks again at once.</param>
public readonly record struct ItsmSlaWorkerLook(int Recorded, bool HasMore);

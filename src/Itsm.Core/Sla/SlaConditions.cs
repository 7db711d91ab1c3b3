namespace Itsm.Sla;

/// <summary>
/// The six conditions of an <see cref="SlaTarget"/>, as ServiceNow offers them: start, pause,
/// resume, stop, cancel and reset. <see cref="SlaTracker"/> documents the order they are evaluated in.
/// </summary>
public sealed record SlaConditions
{
    /// <summary>Starts a clock when it holds and no clock of the target is active (see <see cref="SlaTracker"/> for cycles).</summary>
    public required SlaCondition Start { get; init; }

    /// <summary>Stops the active clock (achieved or breached) when it holds.</summary>
    public required SlaCondition Stop { get; init; }

    /// <summary>Pauses the running clock while it holds. Default: <see cref="SlaCondition.Never"/>.</summary>
    public SlaCondition Pause { get; init; } = SlaCondition.Never;

    /// <summary>Resumes the paused clock when it holds; <see langword="null"/> (the default) resumes as soon as <see cref="Pause"/> no longer holds.</summary>
    public SlaCondition? Resume { get; init; }

    /// <summary>Cancels the active clock when it holds. Default: <see cref="SlaCondition.Never"/>.</summary>
    public SlaCondition Cancel { get; init; } = SlaCondition.Never;

    /// <summary>Restarts the clock from zero when it becomes true (it held not on the previous snapshot but does on this one). Default: <see cref="SlaCondition.Never"/>.</summary>
    public SlaCondition Reset { get; init; } = SlaCondition.Never;
}

using NodaTime;

namespace Itsm.Samples.ServiceDesk;

/// <summary>
/// The simulation's clock: the engine stamps every command with <see cref="Now"/>, which the
/// simulation moves to each action's instant (forward only).
/// </summary>
public sealed class SimulationClock : IClock
{
    /// <summary>Creates a clock showing <paramref name="start"/>.</summary>
    /// <param name="start">The first instant.</param>
    public SimulationClock(Instant start) => Now = start;

    /// <summary>The current instant.</summary>
    public Instant Now { get; private set; }

    /// <summary>Moves the clock to <paramref name="instant"/>; moving it backwards is a bug in the simulation.</summary>
    /// <param name="instant">The new current instant.</param>
    /// <exception cref="System.InvalidOperationException">The instant is before the current one.</exception>
    public void MoveTo(Instant instant)
    {
        if (instant < Now)
        {
            throw new System.InvalidOperationException($"The simulation clock cannot go back from {Now} to {instant}.");
        }

        Now = instant;
    }

    /// <inheritdoc />
    public Instant GetCurrentInstant() => Now;
}

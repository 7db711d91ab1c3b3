using System;

namespace Itsm.Testing;

/// <summary>
/// Thrown by <see cref="LifecycleRunner.RunAsync"/> when the engine under test breaks a lifecycle invariant:
/// a command was accepted or refused against the model's prediction, or what the store holds after a step
/// (state, version, index, audit entries) disagrees with it. The message names the step, what was expected
/// and what happened, and lists the scenario with every step run so far.
/// </summary>
public sealed class LifecycleInvariantException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="step">The step that broke the invariant: 0 for the creation, else its 1-based number.</param>
    /// <param name="problem">What was expected and what happened.</param>
    /// <param name="trace">The scenario and the steps run so far, with the model's predictions.</param>
    public LifecycleInvariantException(int step, string problem, string trace)
        : base($"Step {step}: {problem}\n{trace}")
    {
        Step = step;
        Problem = problem;
        Trace = trace;
    }

    /// <summary>The step that broke the invariant: 0 for the creation, else its 1-based number in <see cref="LifecycleScenario{TRecord, TId}.Steps"/>.</summary>
    public int Step { get; }

    /// <summary>What was expected and what happened, for example <c>the stored version: expected 4, got 5</c>.</summary>
    public string Problem { get; }

    /// <summary>The scenario and the steps run so far, each with the model's prediction and the outcome.</summary>
    public string Trace { get; }
}

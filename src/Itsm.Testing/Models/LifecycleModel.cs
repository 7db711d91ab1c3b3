using System;
using System.Collections.Generic;
using Itsm.Common;
using NodaTime;

namespace Itsm.Testing.Models;

/// <summary>What a lifecycle model predicts for one command.</summary>
internal enum PredictedOutcome
{
    /// <summary>The command must be accepted.</summary>
    Accepted,

    /// <summary>The state does not permit the command: <see cref="InvalidTransitionException"/>.</summary>
    RefusedByState,

    /// <summary>The state permits it but a rule refuses it: <see cref="DomainRuleViolationException"/> with a known code.</summary>
    RefusedByRule,

    /// <summary>
    /// The state permits it, and whether a rule refuses it depends on a host policy the model does not
    /// decide (who may reopen, the reopen window): accepted, or refused by a rule.
    /// </summary>
    AcceptedOrRefusedByRule,
}

/// <summary>A model's prediction: the outcome, the rule's code, and the model after acceptance.</summary>
internal sealed record Prediction<TRecord>(PredictedOutcome Outcome, string? RuleCode, LifecycleModel<TRecord>? Next)
    where TRecord : class
{
    public static readonly Prediction<TRecord> RefusedByState = new(PredictedOutcome.RefusedByState, null, null);

    /// <summary>
    /// Whether the engine refuses the command by its rule before the record sees it (a cited article that does not
    /// exist), so that no state of the record, a workflow's blocks included, decides it.
    /// </summary>
    public bool BeforeRecord { get; init; }

    /// <summary>A refusal by the engine's rule <paramref name="code"/> before the record's state is consulted.</summary>
    public static Prediction<TRecord> RefusedByEngine(string code) => new(PredictedOutcome.RefusedByRule, code, null) { BeforeRecord = true };

    public override string ToString() => Outcome switch
    {
        PredictedOutcome.Accepted => $"accepted -> {Next!.State}",
        PredictedOutcome.RefusedByRule => $"refused by rule {RuleCode}",
        PredictedOutcome.AcceptedOrRefusedByRule => $"accepted -> {Next!.State}, or refused by a policy rule",
        _ => "refused by the state",
    };
}

/// <summary>
/// An independent, immutable model of one record's lifecycle: its state, and which commands its state and
/// rules permit. It is written from the documented lifecycle tables, not from the configured machines, so
/// that it can disagree with them.
/// </summary>
internal abstract record LifecycleModel<TRecord>
    where TRecord : class
{
    /// <summary>The state's name, as the record index and audit entries carry it.</summary>
    public abstract string State { get; }

    /// <summary>Whether the state permits any command (<c>RecordIndex.IsOpen</c>).</summary>
    public abstract bool IsOpen { get; }

    /// <summary>What the record has collected within its state that its next step needs (a change's approvals); generators avoid commands that lose it.</summary>
    public virtual int Collected => 0;

    /// <summary>How far along the lifecycle the state is: the states are declared in lifecycle order, ending states last.</summary>
    public abstract int Depth { get; }

    /// <summary>Predicts <paramref name="command"/> by <paramref name="actor"/> at <paramref name="at"/>.</summary>
    public abstract Prediction<TRecord> Predict(RecordCommand<TRecord> command, Actor actor, Instant at);
}

/// <summary>The library lifecycle table of a model, as a workflow's permitted commands start from it.</summary>
internal interface ILibraryTable<TKind>
    where TKind : struct, Enum
{
    /// <summary>Whether the model's state permits <paramref name="kind"/> (arguments and rules aside).</summary>
    bool Permits(TKind kind);
}

/// <summary>A model over a lifecycle table of <typeparamref name="TState"/> x <typeparamref name="TKind"/>.</summary>
internal abstract record LifecycleModel<TRecord, TState, TKind, TSelf> : LifecycleModel<TRecord>, ILibraryTable<TKind>
    where TRecord : class
    where TState : struct, Enum
    where TKind : struct, Enum
    where TSelf : LifecycleModel<TRecord, TState, TKind, TSelf>
{
    private static readonly TKind[] Kinds = Enum.GetValues<TKind>();

    public required TState Current { get; init; }

    public override string State => Current.ToString();

    public override int Depth => Convert.ToInt32(Current, System.Globalization.CultureInfo.InvariantCulture);

    public override bool IsOpen
    {
        get
        {
            foreach (var kind in Kinds)
            {
                if (Next(Current, kind) is not null && IsWork(kind))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <inheritdoc/>
    public bool Permits(TKind kind) => Next(Current, kind) is not null;

    /// <summary>Whether a permitted <paramref name="kind"/> keeps the record open (a survey result on a closed ticket does not).</summary>
    protected virtual bool IsWork(TKind kind) => true;

    /// <summary>The lifecycle table: the state <paramref name="kind"/> leads to from <paramref name="state"/>, or null when refused.</summary>
    protected abstract TState? Next(TState state, TKind kind);

    /// <summary>
    /// The prediction for a command of <paramref name="kind"/>: refused by the state when the table has no
    /// entry; else refused by <paramref name="rule"/> when it names a code; else accepted, the model
    /// changed by <paramref name="change"/>.
    /// </summary>
    protected Prediction<TRecord> Command(TKind kind, Func<string?>? rule, Func<TSelf, TSelf>? change = null, bool policyDependent = false)
    {
        if (Next(Current, kind) is not { } to)
        {
            return Prediction<TRecord>.RefusedByState;
        }

        if (rule?.Invoke() is { } code)
        {
            return new(PredictedOutcome.RefusedByRule, code, null);
        }

        var next = (TSelf)(this with { Current = to });
        next = change is null ? next : change(next);
        return new(policyDependent ? PredictedOutcome.AcceptedOrRefusedByRule : PredictedOutcome.Accepted, null, next);
    }

    /// <summary>Refuses a command the model does not know (a host's own command type cannot exist; this guards the switch).</summary>
    protected static Prediction<TRecord> Unknown(RecordCommand<TRecord> command) =>
        throw new ArgumentException($"The lifecycle model has no rule for the command {command.GetType().Name}.", nameof(command));

    /// <summary>A list with <paramref name="item"/> added (the models are immutable).</summary>
    protected static IReadOnlyList<T> With<T>(IReadOnlyList<T> items, T item) => [.. items, item];

    /// <summary>Whether <paramref name="items"/> holds <paramref name="item"/>.</summary>
    protected static bool Contains<T>(IReadOnlyList<T> items, T item)
    {
        foreach (var i in items)
        {
            if (EqualityComparer<T>.Default.Equals(i, item))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A list with the first <paramref name="item"/> removed.</summary>
    protected static IReadOnlyList<T> Without<T>(IReadOnlyList<T> items, T item)
    {
        var list = new List<T>(items);
        list.Remove(item);
        return list;
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Itsm.Common;
using NodaTime;

namespace Itsm.Core.Tests.Lifecycles;

/// <summary>What a lifecycle model predicts for one command.</summary>
public abstract record Expected
{
    /// <summary>The command is accepted: one audit entry, one version, the state becomes <paramref name="ToState"/>.</summary>
    public sealed record Accepted(string ToState) : Expected;

    /// <summary>
    /// An <see cref="ArgumentException"/> (or subclass) naming one of <paramref name="Parameters"/> (the
    /// invalid ones; the contract does not order arguments among themselves); nothing changes.
    /// </summary>
    public sealed record BadArgument(IReadOnlyList<string> Parameters) : Expected
    {
        public override string ToString() => $"BadArgument {{ {string.Join(" or ", Parameters)} }}";
    }

    /// <summary>An <see cref="InvalidTransitionException"/> for a record in <paramref name="State"/> refusing <paramref name="Trigger"/>; nothing changes.</summary>
    public sealed record Refused(string RecordType, string State, string Trigger, IReadOnlyList<string> Permitted) : Expected
    {
        public override string ToString() => $"Refused {{ {RecordType} {State} cannot {Trigger}; permits [{string.Join(", ", Permitted)}] }}";
    }

    /// <summary>A <see cref="DomainRuleViolationException"/> with <paramref name="Code"/>; nothing changes.</summary>
    public sealed record RuleBroken(string Code) : Expected;

    /// <summary>No exception and nothing changes (an operation that finds nothing to do).</summary>
    public sealed record NoChange : Expected;

    public bool IsAccepted => this is Accepted;
}

/// <summary>Collects the invalid arguments of a command, as the models check them (before the state).</summary>
public sealed class Arguments
{
    private readonly List<string> _bad = [];

    public Arguments Null(object? value, string name)
    {
        if (value is null)
        {
            _bad.Add(name);
        }

        return this;
    }

    public Arguments Blank(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            _bad.Add(name);
        }

        return this;
    }

    public Arguments Range(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            _bad.Add(name);
        }

        return this;
    }

    public Arguments Check(bool valid, string name)
    {
        if (!valid)
        {
            _bad.Add(name);
        }

        return this;
    }

    /// <summary>The expectation when an argument is invalid, else null.</summary>
    public Expected? Result => _bad.Count == 0 ? null : new Expected.BadArgument(_bad.ToArray());
}

/// <summary>Who issues a command in a model test; each lifecycle maps these to its actors (or to null).</summary>
public enum Who
{
    /// <summary>A null actor.</summary>
    Nobody,

    /// <summary>The caller (incident, interaction) or the requester (service request), with no roles.</summary>
    Caller,

    /// <summary>The same id as <see cref="Caller"/>, with a role: ids decide, not roles.</summary>
    CallerWithRole,

    /// <summary>A service desk agent.</summary>
    Agent,

    /// <summary>A manager (an approver for service requests).</summary>
    Manager,
}

/// <summary>The audit entry a model expects an accepted command to append.</summary>
public sealed record ExpectedEntry(
    TenantId Tenant,
    string RecordType,
    string RecordId,
    long Version,
    Instant At,
    Actor Actor,
    string Command,
    string FromState,
    string ToState);

/// <summary>
/// The checks every lifecycle model test makes after each step, and the trace of the steps so far
/// that every failure message carries.
/// </summary>
public sealed class ModelRun
{
    private readonly StringBuilder _trace = new();
    private int _step;

    public ModelRun(string scenario)
    {
        _trace.AppendLine(scenario).AppendLine("steps run:");
    }

    /// <summary>Notes a step and what the model predicted for it.</summary>
    public void Log(object step, Expected expected)
    {
        _step++;
        _trace.Append("  ").Append(_step).Append(". ").Append(step).Append(" => ").Append(expected).AppendLine();
    }

    /// <summary>Notes a step of the test's world (the clock, accepting audit entries).</summary>
    public void Log(object step)
    {
        _step++;
        _trace.Append("  ").Append(_step).Append(". ").Append(step).AppendLine();
    }

    public void Fail(string message) => Assert.Fail($"Step {_step}: {message}\n{_trace}");

    public void True(bool condition, Func<string> message)
    {
        if (!condition)
        {
            Fail(message());
        }
    }

    public void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            Fail($"{what}: expected {expected}, got {actual}");
        }
    }

    /// <summary>Runs <paramref name="action"/> and returns what it threw, or null.</summary>
    public static Exception? Capture(Action action)
    {
        try
        {
            action();
            return null;
        }
#pragma warning disable CA1031 // The model decides which exceptions are right.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return e;
        }
    }

    /// <summary>Checks that what was thrown (or not) is what the model predicted.</summary>
    public void CheckOutcome(Expected expected, Exception? thrown)
    {
        switch (expected)
        {
            case Expected.Accepted or Expected.NoChange:
                if (thrown is not null)
                {
                    Fail($"expected {expected}, but it threw {thrown.GetType().Name}: {thrown.Message}");
                }

                break;

            case Expected.BadArgument bad:
                if (thrown is not ArgumentException argument)
                {
                    Fail($"expected an ArgumentException naming {bad}, but got {Describe(thrown)}");
                    return;
                }

                True(argument.ParamName is not null && bad.Parameters.Contains(argument.ParamName), () =>
                    $"ArgumentException.ParamName: expected {bad}, got '{argument.ParamName}' ({argument.GetType().Name}: {argument.Message})");
                break;

            case Expected.Refused refused:
                if (thrown?.GetType() != typeof(InvalidTransitionException))
                {
                    Fail($"expected {refused}, but got {Describe(thrown)}");
                    return;
                }

                var transition = (InvalidTransitionException)thrown;
                Equal(refused.RecordType, transition.RecordType, "InvalidTransitionException.RecordType");
                Equal(refused.State, transition.State, "InvalidTransitionException.State");
                Equal(refused.Trigger, transition.Trigger, "InvalidTransitionException.Trigger");
                Equal(InvalidTransitionException.ErrorCode, transition.Code, "InvalidTransitionException.Code");
                True(refused.Permitted.SequenceEqual(transition.PermittedTriggers), () =>
                    $"InvalidTransitionException.PermittedTriggers: expected [{string.Join(", ", refused.Permitted)}], got [{string.Join(", ", transition.PermittedTriggers)}]");
                string message = refused.Permitted.Count == 0
                    ? $"{refused.RecordType} in state {refused.State} cannot {refused.Trigger}: the state is terminal and permits no command."
                    : $"{refused.RecordType} in state {refused.State} cannot {refused.Trigger}; it permits: {string.Join(", ", refused.Permitted)}.";
                Equal(message, transition.Message, "InvalidTransitionException.Message");
                break;

            case Expected.RuleBroken rule:
                if (thrown is not DomainRuleViolationException violation)
                {
                    Fail($"expected DomainRuleViolationException {rule.Code}, but got {Describe(thrown)}");
                    return;
                }

                Equal(rule.Code, violation.Code, "DomainRuleViolationException.Code");
                break;

            default:
                Fail($"unknown expectation {expected}");
                break;
        }
    }

    /// <summary>
    /// Checks the uncommitted audit entries after a step: a refused command (or one that changes
    /// nothing) leaves them exactly as they were; an accepted one appends exactly
    /// <paramref name="entry"/> and leaves the earlier ones alone.
    /// </summary>
    public void CheckAudit(IReadOnlyList<AuditEntry> before, IReadOnlyList<AuditEntry> after, ExpectedEntry? entry)
    {
        int added = entry is null ? 0 : 1;
        Equal(before.Count + added, after.Count, "UncommittedAuditEntries.Count");
        for (int i = 0; i < before.Count; i++)
        {
            True(ReferenceEquals(before[i], after[i]), () => $"audit entry {i} was replaced or changed");
        }

        if (entry is null)
        {
            return;
        }

        var last = after[^1];
        Equal(entry.Tenant, last.Tenant, "audit Tenant");
        Equal(entry.RecordType, last.RecordType, "audit RecordType");
        Equal(entry.RecordId, last.RecordId, "audit RecordId");
        Equal(entry.Version, last.Version, "audit Version");
        Equal(entry.At, last.At, "audit At");
        Equal(entry.Actor, last.Actor, "audit Actor");
        Equal(entry.Command, last.Command, "audit Command");
        Equal(entry.FromState, last.FromState, "audit FromState");
        Equal(entry.ToState, last.ToState, "audit ToState");
        True(last.Data is not null, () => "audit Data is null");
    }

    /// <summary>Checks the permitted commands: the model's, in declaration order, against the aggregate's list and its Permits.</summary>
    public void CheckPermitted<TCommand>(IReadOnlyList<TCommand> all, Func<TCommand, bool> modelPermits, IReadOnlyList<TCommand> actual, Func<TCommand, bool> actualPermits)
        where TCommand : struct, Enum
    {
        var expected = all.Where(modelPermits).ToArray();
        True(expected.SequenceEqual(actual), () => $"PermittedCommands: model [{string.Join(", ", expected)}], aggregate [{string.Join(", ", actual)}]");
        foreach (var command in all)
        {
            bool permits = actualPermits(command);
            True(permits == modelPermits(command), () => $"Permits({command}) is {permits}; the model says {!permits}");
        }
    }

    private static string Describe(Exception? e) => e is null ? "no exception" : $"{e.GetType().Name}: {e.Message}";
}

/// <summary>Shrinks a list of steps by removing chunks, halving the chunk size down to single steps.</summary>
public static class StepShrinker
{
    public static IEnumerable<T[]> Shrink<T>(T[] steps)
    {
        for (int size = steps.Length / 2; size >= 1; size /= 2)
        {
            for (int start = 0; start + size <= steps.Length; start += size)
            {
                yield return [.. steps[..start], .. steps[(start + size)..]];
            }
        }
    }
}

/// <summary>One step of a model test: a command on the record, or a change to the test's world.</summary>
public abstract record ModelStep
{
    /// <summary>A string argument as the trace shows it (null, and quotes to see blanks).</summary>
    protected static string Q(string? value) => value is null ? "null" : $"\"{value}\"";
}

/// <summary>Moves the fake clock on.</summary>
public sealed record AdvanceClock(Duration By) : ModelStep
{
    public override string ToString() => $"clock += {By}";
}

/// <summary>A store saved the audit entries: <c>AcceptAuditEntries()</c>.</summary>
public sealed record AcceptAuditEntries : ModelStep
{
    public override string ToString() => "AcceptAuditEntries()";
}

/// <summary>Generators shared by the lifecycle model tests.</summary>
public static class ModelGens
{
    /// <summary>Text arguments: often null or blank (invalid where text is required), mostly real text.</summary>
    public static Gen<string?> Text { get; } = Gen.Frequency(
        (1, Gen.Constant<string?>(null)),
        (1, Gen.Constant<string?>(string.Empty)),
        (1, Gen.Constant<string?>("  ")),
        (6, Gen.Elements<string?>("see the notes", "restarted the service", "asked the caller")));

    /// <summary>Who issues a command: sometimes nobody (null), often the caller or an agent.</summary>
    public static Gen<Who> Who { get; } = Gen.Frequency(
        (1, Gen.Constant(Lifecycles.Who.Nobody)),
        (3, Gen.Constant(Lifecycles.Who.Caller)),
        (1, Gen.Constant(Lifecycles.Who.CallerWithRole)),
        (4, Gen.Constant(Lifecycles.Who.Agent)),
        (2, Gen.Constant(Lifecycles.Who.Manager)));

    /// <summary>How far the clock moves: nothing, a nanosecond, minutes, hours or days.</summary>
    public static Gen<ModelStep> AdvanceClock { get; } =
        Gen.Elements(
                Duration.Zero,
                Duration.FromNanoseconds(1),
                Duration.FromMinutes(30),
                Duration.FromHours(1),
                Duration.FromHours(12),
                Duration.FromDays(1),
                Duration.FromDays(3),
                Duration.FromDays(7),
                Duration.FromDays(8))
            .Select(d => (ModelStep)new AdvanceClock(d));

    public static Gen<ModelStep> AcceptAuditEntries { get; } = Gen.Constant<ModelStep>(new AcceptAuditEntries());

    /// <summary>20 to 60 steps.</summary>
    public static Gen<ModelStep[]> Steps(Gen<ModelStep> step) =>
        from count in Gen.Choose(20, 60)
        from steps in Gen.ArrayOf(step, count)
        select steps;
}

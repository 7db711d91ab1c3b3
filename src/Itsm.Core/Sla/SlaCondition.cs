using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Text;

namespace Itsm.Sla;

/// <summary>
/// A condition on a <see cref="TicketSnapshot"/>: the start, pause, resume, stop, cancel and reset
/// conditions of an <see cref="SlaTarget"/>. Build them from the declarative, JSON-serialisable
/// forms (<see cref="FieldIn"/>, <see cref="StateIn"/>, <see cref="PriorityIn"/>,
/// <see cref="OnHoldReasonIn"/>, <see cref="All"/>, <see cref="Any"/>, <see cref="Not"/>,
/// <see cref="Always"/>, <see cref="Never"/>) or from code with <see cref="Predicate"/>.
/// </summary>
/// <remarks>Conditions are immutable and side-effect free; they may be evaluated any number of times, in any order.</remarks>
public abstract class SlaCondition
{
    /// <summary>The field names <see cref="FieldIn"/> accepts besides <c>attributes.&lt;name&gt;</c>.</summary>
    public static IReadOnlyList<string> FieldNames { get; } = ["state", "workflowState", "priority", "caller", "onHoldReason", "service", "offering", "assignmentGroup", "supplier", ConfigurationItemField];

    // Many-valued: holds when any of the ticket's configuration items is one of the values.
    private const string ConfigurationItemField = "configurationItem";

    private protected SlaCondition()
    {
    }

    /// <summary>A condition that always holds.</summary>
    public static SlaCondition Always { get; } = new ConstantCondition(true);

    /// <summary>A condition that never holds.</summary>
    public static SlaCondition Never { get; } = new ConstantCondition(false);

    /// <summary>How deep the condition nests: 1 for a leaf, one more for each <see cref="All"/>, <see cref="Any"/> or <see cref="Not"/> around it. An agreement accepts at most <see cref="FieldLimits.ConditionDepth"/>.</summary>
    internal virtual int Depth => 1;

    /// <summary>Whether the condition can be written as JSON (it contains no <see cref="Predicate"/>).</summary>
    public abstract bool IsDeclarative { get; }

    /// <summary>Whether the condition holds for <paramref name="snapshot"/>.</summary>
    /// <param name="snapshot">The ticket snapshot.</param>
    /// <returns><see langword="true"/> when it holds.</returns>
    public abstract bool IsMetBy(TicketSnapshot snapshot);

    /// <summary>
    /// Holds when the field's value is one of <paramref name="values"/> (ordinal comparison; a field without a
    /// value matches nothing). For <c>configurationItem</c>, holds when any of the ticket's
    /// <see cref="TicketSnapshot.ConfigurationItems"/> is one of them.
    /// </summary>
    /// <param name="field">A name from <see cref="FieldNames"/>, or <c>attributes.&lt;name&gt;</c>.</param>
    /// <param name="values">The values; at least one.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentException">The field name is unknown, or there are no values.</exception>
    public static SlaCondition FieldIn(string field, IEnumerable<string> values)
    {
        Guard.Against.NullOrWhiteSpace(field);
        Guard.Against.Null(values);
        if (!IsKnownField(field))
        {
            throw new ArgumentException($"'{QuotedText.Of(field)}' is not a field (expected {string.Join(", ", FieldNames)} or attributes.<name>).", nameof(field));
        }

        var list = values.ToArray();
        Guard.Against.NullOrEmpty(list, nameof(values));
        if (list.Any(v => v is null))
        {
            throw new ArgumentException("A value is null.", nameof(values));
        }

        return new FieldInCondition(field, list);
    }

    /// <summary>Holds when the state is one of <paramref name="states"/>.</summary>
    /// <param name="states">State names; at least one.</param>
    /// <returns>The condition.</returns>
    public static SlaCondition StateIn(params string[] states) => FieldIn("state", states);

    /// <summary>Holds when the on-hold reason is one of <paramref name="reasons"/>.</summary>
    /// <param name="reasons">On-hold reasons; at least one.</param>
    /// <returns>The condition.</returns>
    public static SlaCondition OnHoldReasonIn(params string[] reasons) => FieldIn("onHoldReason", reasons);

    /// <summary>Holds when the priority is one of <paramref name="priorities"/>.</summary>
    /// <param name="priorities">Priorities; at least one.</param>
    /// <returns>The condition.</returns>
    public static SlaCondition PriorityIn(params Priority[] priorities)
    {
        Guard.Against.Null(priorities);
        return FieldIn("priority", priorities.Select(p => p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Holds when every condition holds (<see langword="true"/> for none).</summary>
    /// <param name="conditions">The conditions.</param>
    /// <returns>The condition.</returns>
    public static SlaCondition All(params SlaCondition[] conditions) => new CompositeCondition(true, CheckAll(conditions, nameof(conditions)));

    /// <summary>Holds when at least one condition holds (<see langword="false"/> for none).</summary>
    /// <param name="conditions">The conditions.</param>
    /// <returns>The condition.</returns>
    public static SlaCondition Any(params SlaCondition[] conditions) => new CompositeCondition(false, CheckAll(conditions, nameof(conditions)));

    /// <summary>Holds when <paramref name="condition"/> does not.</summary>
    /// <param name="condition">The condition to negate.</param>
    /// <returns>The condition.</returns>
    public static SlaCondition Not(SlaCondition condition) => new NotCondition(Guard.Against.Null(condition));

    /// <summary>A condition written in code. It cannot be written as JSON.</summary>
    /// <param name="predicate">A side-effect-free predicate.</param>
    /// <param name="description">What it checks, for messages and <see cref="object.ToString"/>.</param>
    /// <returns>The condition.</returns>
    public static SlaCondition Predicate(Func<TicketSnapshot, bool> predicate, string description) =>
        new PredicateCondition(Guard.Against.Null(predicate), Guard.Against.NullOrWhiteSpace(description));

    internal static bool IsKnownField(string field) =>
        FieldNames.Contains(field) || (field.StartsWith("attributes.", StringComparison.Ordinal) && field.Length > "attributes.".Length);

    private static SlaCondition[] CheckAll(SlaCondition[] conditions, string paramName)
    {
        Guard.Against.Null(conditions, paramName);
        if (Array.Exists(conditions, c => c is null))
        {
            throw new ArgumentException("A condition is null.", paramName);
        }

        return (SlaCondition[])conditions.Clone();
    }

    internal sealed class ConstantCondition(bool value) : SlaCondition
    {
        public bool Value { get; } = value;

        public override bool IsDeclarative => true;

        public override bool IsMetBy(TicketSnapshot snapshot) => Value;

        public override string ToString() => Value ? "always" : "never";
    }

    internal sealed class FieldInCondition(string field, string[] values) : SlaCondition
    {
        public string Field { get; } = field;

        public IReadOnlyList<string> Values { get; } = values;

        public override bool IsDeclarative => true;

        public override bool IsMetBy(TicketSnapshot snapshot)
        {
            Guard.Against.Null(snapshot);
            if (string.Equals(Field, ConfigurationItemField, StringComparison.Ordinal))
            {
                var items = snapshot.ConfigurationItems;
                for (int i = 0; i < items.Count; i++)
                {
                    if (Holds(items[i]))
                    {
                        return true;
                    }
                }

                return false;
            }

            return snapshot.GetField(Field) is { } value && Holds(value);
        }

        private bool Holds(string value)
        {
            foreach (var candidate in values)
            {
                if (string.Equals(candidate, value, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        public override string ToString() => $"{Field} in [{string.Join(", ", Values)}]";
    }

    internal sealed class CompositeCondition(bool all, SlaCondition[] conditions) : SlaCondition
    {
        public bool IsAll { get; } = all;

        public IReadOnlyList<SlaCondition> Conditions { get; } = conditions;

        // Computed once: a chain built in code may be deeper than an agreement accepts, and is then refused by its depth.
        internal override int Depth { get; } = 1 + (conditions.Length == 0 ? 0 : conditions.Max(c => c.Depth));

        public override bool IsDeclarative => Array.TrueForAll(conditions, c => c.IsDeclarative);

        public override bool IsMetBy(TicketSnapshot snapshot)
        {
            foreach (var condition in conditions)
            {
                if (condition.IsMetBy(snapshot) != IsAll)
                {
                    return !IsAll;
                }
            }

            return IsAll;
        }

        public override string ToString() => (IsAll ? "all(" : "any(") + string.Join(", ", Conditions) + ")";
    }

    internal sealed class NotCondition(SlaCondition inner) : SlaCondition
    {
        public SlaCondition Inner { get; } = inner;

        internal override int Depth { get; } = 1 + inner.Depth;

        public override bool IsDeclarative => Inner.IsDeclarative;

        public override bool IsMetBy(TicketSnapshot snapshot) => !Inner.IsMetBy(snapshot);

        public override string ToString() => $"not({Inner})";
    }

    internal sealed class PredicateCondition(Func<TicketSnapshot, bool> predicate, string description) : SlaCondition
    {
        public override bool IsDeclarative => false;

        public override bool IsMetBy(TicketSnapshot snapshot) => predicate(Guard.Against.Null(snapshot));

        public override string ToString() => description;
    }
}

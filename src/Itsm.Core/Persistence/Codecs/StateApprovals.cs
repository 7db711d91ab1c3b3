using System;
using System.Collections.Generic;
using System.Text.Json;
using Itsm.Approvals;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Persistence;

/// <summary>
/// How approval chains and their delegations are stored in a record's state (docs/record-state.md):
/// a chain as <c>{ name, levels: [{ name, rule, count, approvers: [{ kind, id }], due }] }</c> with the due
/// time in NodaTime's round-trip duration pattern, a delegation as <c>{ from, fromRoles, to, at }</c>.
/// </summary>
internal static class StateApprovals
{
    internal static void WriteChain(this Utf8JsonWriter w, string name, ApprovalChain? chain)
    {
        if (chain is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteString("name", chain.Name);
        w.WriteStartArray("levels");
        foreach (var level in chain.Levels)
        {
            w.WriteStartObject();
            w.WriteString("name", level.Name);
            w.WriteEnum("rule", level.Rule.Kind);
            w.WriteNumber("count", level.Rule.Count);
            w.WriteStartArray("approvers");
            foreach (var approver in level.Approvers)
            {
                w.WriteStartObject();
                w.WriteEnum("kind", approver.Kind);
                w.WriteString("id", approver.Id);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("due", level.Due is { } due ? DurationPattern.Roundtrip.Format(due) : null);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    internal static ApprovalChain? ReadChain(StateReader r, string name)
    {
        if (r.NullableObject(name) is not { } chain)
        {
            return null;
        }

        var levels = new List<ApprovalLevel>();
        foreach (var item in chain.Items("levels"))
        {
            var level = item.AsObject();
            var kind = level.Enum<ApprovalRuleKind>("rule");
            var rule = kind switch
            {
                ApprovalRuleKind.All => ApprovalRule.All,
                ApprovalRuleKind.Quorum => level.Int("count") is var n and >= 1 ? ApprovalRule.Quorum(n) : throw level.Error("count", "must be at least 1 for a quorum"),
                _ => ApprovalRule.Any,
            };
            var approvers = new List<Approver>();
            foreach (var a in level.Items("approvers"))
            {
                var approver = a.AsObject();
                string id = approver.String("id");
                approvers.Add(approver.Enum<ApproverKind>("kind") == ApproverKind.Role ? Approver.Role(id) : Approver.Person(id));
            }

            Duration? due = null;
            if (level.NullableString("due") is { } text)
            {
                var parsed = DurationPattern.Roundtrip.Parse(text);
                due = parsed.Success ? parsed.Value : throw level.Error("due", "must be a duration (-D:hh:mm:ss.fffffffff)");
            }

            levels.Add(Checked(level, "levels", () => new ApprovalLevel(level.String("name"), rule, approvers, due)));
        }

        return Checked(chain, "levels", () => new ApprovalChain(chain.String("name"), levels));
    }

    internal static void WriteDelegations(this Utf8JsonWriter w, string name, IReadOnlyList<ApprovalDelegation> delegations)
    {
        w.WriteStartArray(name);
        foreach (var d in delegations)
        {
            w.WriteStartObject();
            w.WriteString("from", d.From);
            w.WriteStrings("fromRoles", d.FromRoles);
            w.WriteString("to", d.To);
            w.WriteInstant("at", d.At);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>The delegations, or none when the field is absent (state written before approval chains).</summary>
    internal static List<ApprovalDelegation> ReadDelegations(StateReader r, string name)
    {
        var list = new List<ApprovalDelegation>();
        if (!r.Has(name))
        {
            return list;
        }

        foreach (var item in r.Items(name))
        {
            var d = item.AsObject();
            list.Add(new ApprovalDelegation(d.String("from"), Array.AsReadOnly(d.Strings("fromRoles")), d.String("to"), d.Instant("at")));
        }

        return list;
    }

    /// <summary>The overdue a run of the chain recorded, written only when there is one (state written before has none).</summary>
    internal static void WriteOverdue(this Utf8JsonWriter w, string name, (int Level, Instant DueAt)? overdue)
    {
        if (overdue is not var (level, dueAt))
        {
            return;
        }

        w.WriteStartObject(name);
        w.WriteNumber("level", level);
        w.WriteInstant("dueAt", dueAt);
        w.WriteEndObject();
    }

    internal static (int Level, Instant DueAt)? ReadOverdue(StateReader r, string name)
    {
        if (!r.Has(name) || r.NullableObject(name) is not { } overdue)
        {
            return null;
        }

        int level = overdue.NonNegativeInt("level");
        return level < ApprovalChain.MaxLevels ? (level, overdue.Instant("dueAt")) : throw overdue.Error("level", "names a level no chain has");
    }

    private static T Checked<T>(StateReader r, string name, Func<T> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentException e)
        {
            throw r.Error(name, Itsm.Text.QuotedText.Message(e.Message));
        }
    }
}

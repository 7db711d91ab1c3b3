using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Itsm.Workflows;

/// <summary>
/// A workflow as a Mermaid state diagram: each library state with custom states is a composite holding them,
/// its entry state marked by the composite's <c>[*]</c>; a library state without custom states is a plain state.
/// Generated from the workflow's table, so it always shows what runs.
/// </summary>
/// <remarks>
/// Mermaid cannot draw a transition between internal states of different composites, so edges keep to two
/// levels: library commands that change the library state are edges between library states (a composite or a
/// plain state), labelled with the command and, where custom states differ, which of them block it
/// (<c>not from X</c>) or land somewhere other than the entry (<c>X to Y</c>); named transitions (with their
/// guard) and bound commands that keep the library state are edges between custom states inside their composite.
/// </remarks>
internal static class WorkflowDiagram
{
    internal static string Format<TState, TCommand>(Workflow<TState, TCommand> workflow)
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        var table = workflow.Table;
        var lifecycle = workflow.Library;
        var ids = new string[table.Names.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = "s" + i.ToString(CultureInfo.InvariantCulture);
        }

        var members = lifecycle.States.ToDictionary(l => l, l => Enumerable.Range(0, ids.Length).Where(i => Same(table.Parents[i], l)).ToList());
        var isComposite = lifecycle.States.ToDictionary(l => l, l => members[l].Count > 1 || table.Names[members[l][0]] != l.ToString());
        string Node(TState library) => isComposite[library] ? library.ToString() : ids[members[library][0]];

        var text = new StringBuilder();
        text.Append("stateDiagram-v2\n");
        text.Append("    %% ").Append(Escape(workflow.ToString())).Append('\n');
        foreach (var library in lifecycle.States)
        {
            if (!isComposite[library])
            {
                text.Append("    state \"").Append(library).Append("\" as ").Append(ids[members[library][0]]).Append('\n');
                continue;
            }

            text.Append("    state ").Append(library).Append(" {\n");
            foreach (var i in members[library])
            {
                text.Append("        state \"").Append(Escape(table.Names[i])).Append("\" as ").Append(ids[i]).Append('\n');
            }

            text.Append("        [*] --> ").Append(ids[table.EntryOf(library)]).Append('\n');
            foreach (var s in members[library])
            {
                InnerEdges(text, workflow, s, ids);
            }

            text.Append("    }\n");
        }

        text.Append("    [*] --> ").Append(Node(lifecycle.Initial)).Append('\n');
        foreach (var library in lifecycle.States)
        {
            foreach (var command in lifecycle.CommandsFrom(library).OrderBy(Ordinal))
            {
                foreach (var to in lifecycle.Edges[(library, command)].Where(t => !Same(t, library)).OrderBy(Ordinal))
                {
                    if (Label(workflow, members[library], command, to) is { } label)
                    {
                        text.Append("    ").Append(Node(library)).Append(" --> ").Append(Node(to)).Append(" : ").Append(label).Append('\n');
                    }
                }
            }
        }

        foreach (var final in lifecycle.Finals.OrderBy(Ordinal))
        {
            text.Append("    ").Append(Node(final)).Append(" --> [*]\n");
        }

        return text.ToString();
    }

    // Named transitions and bound commands that keep the library state: edges inside the composite.
    private static void InnerEdges<TState, TCommand>(StringBuilder text, Workflow<TState, TCommand> workflow, int s, string[] ids)
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        var table = workflow.Table;
        var parent = table.Parents[s];
        foreach (var command in workflow.Library.CommandsFrom(parent).OrderBy(Ordinal))
        {
            var target = table.Bound(s, command);
            if (target >= 0 && target != s && Same(table.Parents[target], parent) && !table.Blocks(s, command) && workflow.Library.Leads(parent, command, parent))
            {
                text.Append("        ").Append(ids[s]).Append(" --> ").Append(ids[target]).Append(" : ").Append(command).Append('\n');
            }
        }

        foreach (var t in table.Named[s])
        {
            text.Append("        ").Append(ids[s]).Append(" --> ").Append(ids[table.Index[t.To]]).Append(" : ").Append(Escape(t.Name!));
            if (Guard(t.Guard) is { Length: > 0 } guard)
            {
                text.Append(" [").Append(guard).Append(']');
            }

            text.Append('\n');
        }
    }

    // The label of library command <command> from a library state (its custom states <from>) to <to>: null when every
    // custom state blocks it, else the command with the custom states that block it or land outside the entry.
    private static string? Label<TState, TCommand>(Workflow<TState, TCommand> workflow, List<int> from, TCommand command, TState to)
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        var table = workflow.Table;
        var entry = table.EntryOf(to);
        var blocked = new List<string>();
        var elsewhere = new List<string>();
        foreach (var s in from)
        {
            if (table.Blocks(s, command))
            {
                blocked.Add(Escape(table.Names[s]));
                continue;
            }

            var landing = table.Next(s, command, to);
            if (landing != entry)
            {
                elsewhere.Add(Escape(table.Names[s]) + " to " + Escape(table.Names[landing]));
            }
        }

        if (blocked.Count == from.Count)
        {
            return null;
        }

        var label = new StringBuilder(command.ToString());
        if (blocked.Count > 0 || elsewhere.Count > 0)
        {
            var notes = elsewhere.ToList();
            if (blocked.Count > 0)
            {
                notes.Insert(0, "not from " + string.Join(" or ", blocked));
            }

            label.Append(" (").Append(string.Join(", ", notes)).Append(')');
        }

        return label.ToString();
    }

    // The guard in a label's own words: Mermaid reads a colon as the label's start, so the guard's ToString() is not used.
    private static string Guard(WorkflowGuard guard)
    {
        var parts = new List<string>();
        if (guard.Roles.Count > 0)
        {
            parts.Add("role " + string.Join(" or ", guard.Roles.Select(Escape)));
        }

        if (guard.RequiredFields.Count > 0)
        {
            parts.Add("requires " + string.Join(" and ", guard.RequiredFields));
        }

        if (guard.PredicateName is { } name)
        {
            parts.Add("when " + Escape(name));
        }

        return string.Join(", ", parts);
    }

    private static bool Same<TState>(TState a, TState b)
        where TState : struct, Enum => EqualityComparer<TState>.Default.Equals(a, b);

    private static int Ordinal<TEnum>(TEnum value)
        where TEnum : struct, Enum => Convert.ToInt32(value, CultureInfo.InvariantCulture);

    // Mermaid labels end at a newline and quoted names at a quote; colons, semicolons and brackets have meanings of their own.
    private static string Escape(string text) =>
        text.Replace("\"", "'", StringComparison.Ordinal)
            .Replace(";", ",", StringComparison.Ordinal)
            .Replace(":", " -", StringComparison.Ordinal)
            .Replace("[", "(", StringComparison.Ordinal)
            .Replace("]", ")", StringComparison.Ordinal)
            .Replace("{", "(", StringComparison.Ordinal)
            .Replace("}", ")", StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal)
            .Replace("\r", " ", StringComparison.Ordinal);
}

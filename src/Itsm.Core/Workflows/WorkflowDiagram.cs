using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Itsm.Workflows;

/// <summary>
/// A workflow as a Mermaid state diagram: each library state with custom states is a composite holding them;
/// library commands are edges labelled with the command, named transitions edges labelled with their name
/// and guard. Generated from the workflow's table, so it always shows what runs.
/// </summary>
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
            ids[i] = "s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var text = new StringBuilder();
        text.Append("stateDiagram-v2\n");
        text.Append("    %% ").Append(Escape(workflow.ToString())).Append('\n');
        foreach (var library in lifecycle.States)
        {
            var inside = Enumerable.Range(0, ids.Length).Where(i => EqualityComparer<TState>.Default.Equals(table.Parents[i], library)).ToList();
            var custom = inside.Count > 1 || table.Names[inside[0]] != library.ToString();
            if (custom)
            {
                text.Append("    state ").Append(library).Append(" {\n");
                foreach (var i in inside)
                {
                    text.Append("        state \"").Append(Escape(table.Names[i])).Append("\" as ").Append(ids[i]).Append('\n');
                }

                text.Append("    }\n");
            }
            else
            {
                text.Append("    state \"").Append(library).Append("\" as ").Append(ids[inside[0]]).Append('\n');
            }
        }

        text.Append("    [*] --> ").Append(ids[table.EntryOf(lifecycle.Initial)]).Append('\n');
        for (int s = 0; s < ids.Length; s++)
        {
            var edges = new SortedDictionary<int, List<string>>();
            foreach (var command in lifecycle.CommandsFrom(table.Parents[s]).OrderBy(c => Convert.ToInt32(c, System.Globalization.CultureInfo.InvariantCulture)))
            {
                if (table.Blocks(s, command))
                {
                    continue;
                }

                foreach (var to in lifecycle.Edges[(table.Parents[s], command)])
                {
                    var target = table.Next(s, command, to);
                    if (target == s)
                    {
                        continue; // Updates that keep the state are not drawn, as in the library diagrams' composites.
                    }

                    (edges.TryGetValue(target, out var l) ? l : edges[target] = []).Add(command.ToString());
                }
            }

            foreach (var (target, labels) in edges)
            {
                text.Append("    ").Append(ids[s]).Append(" --> ").Append(ids[target]).Append(" : ").Append(string.Join(", ", labels.Distinct())).Append('\n');
            }

            foreach (var t in table.Named[s])
            {
                text.Append("    ").Append(ids[s]).Append(" --> ").Append(ids[table.Index[t.To]]).Append(" : ").Append(Escape(t.Name!));
                if (!t.Guard.IsEmpty)
                {
                    text.Append(" [").Append(Escape(t.Guard.ToString())).Append(']');
                }

                text.Append('\n');
            }
        }

        foreach (var final in lifecycle.Finals.OrderBy(f => Convert.ToInt32(f, System.Globalization.CultureInfo.InvariantCulture)))
        {
            text.Append("    ").Append(ids[table.EntryOf(final)]).Append(" --> [*]\n");
        }

        return text.ToString();
    }

    // Mermaid labels end at a newline and quoted names at a quote; colons and semicolons split labels.
    private static string Escape(string text) =>
        text.Replace("\"", "'", StringComparison.Ordinal).Replace(";", ",", StringComparison.Ordinal).Replace(":", " -", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}

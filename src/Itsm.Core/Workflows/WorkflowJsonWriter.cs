using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Itsm.Workflows;

/// <summary>Writes a workflow and the versions it replaces, oldest first, in the shape <see cref="WorkflowJsonReader{TState, TCommand}"/> reads.</summary>
internal static class WorkflowJsonWriter
{
    internal static void Write<TState, TCommand>(Utf8JsonWriter writer, Workflow<TState, TCommand> workflow)
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        var versions = new Stack<Workflow<TState, TCommand>>();
        for (var w = workflow; w is not null; w = w.Previous)
        {
            versions.Push(w);
        }

        writer.WriteStartObject();
        writer.WriteString("id", workflow.Id);
        writer.WriteString("lifecycle", workflow.Lifecycle);
        writer.WriteStartArray("versions");
        foreach (var version in versions)
        {
            WriteVersion(writer, version);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteVersion<TState, TCommand>(Utf8JsonWriter writer, Workflow<TState, TCommand> workflow)
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        writer.WriteStartObject();
        writer.WriteNumber("version", workflow.Version);
        writer.WriteStartArray("states");
        foreach (var state in workflow.States)
        {
            writer.WriteStartObject();
            writer.WriteString("name", state.Name);
            writer.WriteString("parent", state.Parent.ToString());
            if (state.IsEntry)
            {
                writer.WriteBoolean("entry", true);
            }

            WriteList(writer, "blocks", state.Blocks);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("transitions");
        foreach (var transition in workflow.Transitions)
        {
            writer.WriteStartObject();
            if (transition.Command is { } command)
            {
                writer.WriteString("on", command.ToString());
            }
            else
            {
                writer.WriteString("name", transition.Name);
            }

            writer.WriteString("from", transition.From);
            writer.WriteString("to", transition.To);
            if (transition.IsNamed && !transition.Guard.IsEmpty)
            {
                WriteGuard(writer, transition.Guard);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (workflow.Migration.Count > 0)
        {
            writer.WriteStartObject("migration");
            foreach (var (removed, state) in workflow.Migration)
            {
                writer.WriteString(removed, state);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteGuard(Utf8JsonWriter writer, WorkflowGuard guard)
    {
        writer.WriteStartObject("guard");
        WriteList(writer, "roles", guard.Roles);
        WriteList(writer, "requires", guard.RequiredFields);
        if (guard.PredicateName is { } name)
        {
            writer.WriteString("when", name);
        }

        writer.WriteEndObject();
    }

    private static void WriteList<T>(Utf8JsonWriter writer, string name, IReadOnlyList<T> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value!.ToString());
        }

        writer.WriteEndArray();
    }
}

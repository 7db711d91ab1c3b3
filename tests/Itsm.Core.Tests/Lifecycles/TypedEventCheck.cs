using System.Collections.Generic;
using System.Linq;
using Itsm.Common;

namespace Itsm.Core.Tests.Lifecycles;

/// <summary>
/// Checks that an audit entry reads as a typed event (not <see cref="UnrecognizedEvent"/>) of its
/// command, and that the event writes back exactly the entry's data: the same keys, values and order.
/// </summary>
internal static class TypedEventCheck
{
    /// <summary>What is wrong with <paramref name="entry"/>'s event, or <see langword="null"/> when nothing is.</summary>
    public static string? Problem(AuditEntry entry)
    {
        var read = entry.Event;
        if (read is UnrecognizedEvent)
        {
            return $"{entry.RecordType} {entry.Command} {Show(entry.Data)} reads as UnrecognizedEvent";
        }

        if (read.Command != entry.Command)
        {
            return $"{entry.RecordType} {entry.Command} reads as {read.GetType().Name}, an event of command {read.Command}";
        }

        // The custom state entered is the entry's, not the event's: any command under a workflow may add it last.
        var written = read.ToAuditData();
        var data = entry.Data.Where(p => p.Key != AuditEntry.WorkflowStateKey || written.ContainsKey(AuditEntry.WorkflowStateKey));
        return written.SequenceEqual(data)
            ? null
            : $"{entry.RecordType} {entry.Command}: {read.GetType().Name} writes {Show(written)}, the entry holds {Show(entry.Data)}";
    }

    /// <summary>Checks the entries of <paramref name="after"/> beyond the first <paramref name="before"/> ones.</summary>
    public static void Check(ModelRun run, int before, IReadOnlyList<AuditEntry> after)
    {
        for (int i = before; i < after.Count; i++)
        {
            var problem = Problem(after[i]);
            run.True(problem is null, () => problem!);
        }
    }

    /// <summary>Asserts that every entry reads as its typed event and writes its data back.</summary>
    public static void AssertTyped(IEnumerable<AuditEntry> entries) =>
        Assert.Equal([], entries.Select(Problem).OfType<string>());

    /// <summary>Every field of <paramref name="entry"/> as one line, the data in its order: to compare entries written by different paths.</summary>
    public static string Text(AuditEntry entry) =>
        $"{entry.Tenant} {entry.RecordType} {entry.RecordId} v{entry.Version} {entry.At} {entry.Actor.Id}[{string.Join(",", entry.Actor.Roles)}] " +
        $"{entry.Command} {entry.FromState}->{entry.ToState} {Show(entry.Data)}";

    private static string Show(IReadOnlyDictionary<string, string> data) =>
        "{" + string.Join(", ", data.Select(p => p.Key + "=" + p.Value)) + "}";
}

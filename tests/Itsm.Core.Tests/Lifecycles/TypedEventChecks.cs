using System;
using System.Collections.Generic;
using Itsm.Common;
using Itsm.Core.Tests.Common;

namespace Itsm.Core.Tests.Lifecycles;

/// <summary>
/// The typed-event check the model tests of service requests, interactions and improvement items make
/// on every audit entry they produce: it reads as the event type of its command (never
/// <see cref="UnrecognizedEvent"/>), and that event writes back exactly the entry's data, key for key.
/// </summary>
internal static class TypedEventChecks
{
    public static void CheckTypedEvent(this ModelRun run, AuditEntry entry, IReadOnlyDictionary<string, Type> eventTypes)
    {
        var read = entry.Event;
        run.True(read is not UnrecognizedEvent, () => $"audit entry {entry.Command} {AuditAssert.Describe(entry.Data)} reads as UnrecognizedEvent");
        run.True(eventTypes.TryGetValue(entry.Command, out var type) && read.GetType() == type, () =>
            $"audit entry {entry.Command} reads as {read.GetType().Name}, not {(type is null ? "(no event type listed)" : type.Name)}");
        run.Equal(entry.Command, read.Command, "event Command");
        var written = read.ToAuditData();
        run.True(AuditAssert.SameData(entry.Data, written), () =>
            $"event {read} writes {AuditAssert.Describe(written)}, the entry holds {AuditAssert.Describe(entry.Data)}");
    }
}

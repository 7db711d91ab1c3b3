using System.Collections.Generic;

namespace Itsm.Common;

/// <summary>
/// An audit entry that no event type of this version reads: a command recorded by a newer version
/// of the library, or data that does not parse as its event. Its command and data are kept as
/// stored, so nothing is lost and nothing throws.
/// </summary>
/// <param name="RecordType">The record type, for example <c>"Incident"</c>.</param>
/// <param name="CommandName">The command name as stored.</param>
/// <param name="Data">The data as stored.</param>
public sealed record UnrecognizedEvent(string RecordType, string CommandName, IReadOnlyDictionary<string, string> Data) : DomainEvent
{
    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => Data;
}

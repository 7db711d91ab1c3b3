using Itsm.Common;

namespace Itsm.Engine;

/// <summary>
/// Seeing the internal entries of ticket journals: work notes and time worked (docs/journal.md). The engine asks it
/// on top of an allowed read that would hand such an entry out: <see cref="ReadJournal"/> and <see cref="ReadHistory"/>
/// (the resource names the record, loaded), <see cref="ReadAudit"/> and <see cref="ReadFeed"/> (the resource names only
/// the tenant).
/// </summary>
/// <remarks>
/// A denial does not refuse the read: the journal read leaves the internal entries out, and the history, audit and
/// feed reads keep each internal entry in its place with its content withheld (its event reads as
/// <see cref="Itsm.Journal.JournalEntryWithheld"/>). An authorizer that does not know this operation denies it, so a
/// caller never sees a work note unless a rule says so: agents, typically
/// (<c>ReadWorkNotes =&gt; actor.HasRole("itil")</c>). An exception from the authorizer refuses the read, as for any
/// other operation. The engine asks only when the entries read hold an internal one.
/// </remarks>
public sealed record ReadWorkNotes : ItsmOperation
{
    /// <summary><c>"ReadWorkNotes"</c>.</summary>
    public override string Name => "ReadWorkNotes";
}

using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Journal;

/// <summary>
/// An internal journal entry (a work note or time worked) as a reader who may not read work notes gets it: the
/// entry is there (its version, instant, actor and states), its content is not. The engine's history, audit and
/// feed reads hand it out in place of <see cref="WorkNoteAdded"/> and <see cref="TimeWorkedLogged"/> when the
/// authorizer does not allow <c>ReadWorkNotes</c>; it is never stored.
/// </summary>
/// <remarks>Audit entry: the original command (<c>AddWorkNote</c>, <c>LogTime</c>); data key <c>withheld</c> (<c>"true"</c>) and nothing else.</remarks>
/// <param name="Kind">The kind of entry withheld.</param>
public sealed record JournalEntryWithheld(JournalEntryKind Kind) : DomainEvent
{
    /// <summary>The only data key of a withheld entry.</summary>
    internal const string WithheldKey = "withheld";

    /// <summary>The data every withheld entry carries.</summary>
    internal static readonly IReadOnlyDictionary<string, string> Data =
        new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(new Dictionary<string, string> { [WithheldKey] = "true" });

    internal override string Command => Kind == JournalEntryKind.TimeWorked ? TimeWorkedLogged.CommandName : WorkNoteAdded.CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => Data;
}

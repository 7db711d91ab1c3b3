using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Journal;
using Itsm.Persistence;

namespace Itsm.Engine;

/// <summary>
/// Keeps work notes from actors who may not read them (docs/journal.md): before a read hands out an internal journal
/// entry, the authorizer is asked <see cref="ReadWorkNotes"/>; a denial withholds the entries' content, a failure of
/// the authorizer refuses the read (<see cref="EngineAuthorization"/>).
/// </summary>
internal static class JournalVisibility
{
    /// <summary>Whether <paramref name="actor"/> may read the internal journal entries of <paramref name="resource"/>.</summary>
    /// <exception cref="ItsmAuthorizationException">The authorizer failed.</exception>
    internal static async ValueTask<bool> MayReadWorkNotesAsync(this IItsmAuthorizer authorizer, Actor actor, ItsmResource resource, CancellationToken cancellationToken)
    {
        try
        {
            await authorizer.AuthorizeAsync(actor, new ReadWorkNotes(), resource, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ItsmAuthorizationException denied) when (!denied.AuthorizerFailed)
        {
            return false;
        }
    }

    /// <summary>The entries as <paramref name="actor"/> may see them: internal journal entries withheld unless <see cref="ReadWorkNotes"/> is allowed.</summary>
    internal static async ValueTask<IReadOnlyList<AuditEntry>> VisibleAsync(this IItsmAuthorizer authorizer, Actor actor, ItsmResource resource, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        if (!AnyInternal(entries) || await authorizer.MayReadWorkNotesAsync(actor, resource, cancellationToken).ConfigureAwait(false))
        {
            return entries;
        }

        return JournalEvents.Withhold(entries);
    }

    /// <summary>The feed entries as <paramref name="actor"/> may see them (as for audit entries), positions kept.</summary>
    internal static async ValueTask<IReadOnlyList<FeedEntry>> VisibleAsync(this IItsmAuthorizer authorizer, Actor actor, ItsmResource resource, IReadOnlyList<FeedEntry> entries, CancellationToken cancellationToken)
    {
        bool any = false;
        for (int i = 0; i < entries.Count && !any; i++)
        {
            any = JournalEvents.MustWithhold(entries[i].Entry);
        }

        if (!any || await authorizer.MayReadWorkNotesAsync(actor, resource, cancellationToken).ConfigureAwait(false))
        {
            return entries;
        }

        var visible = new FeedEntry[entries.Count];
        for (int i = 0; i < visible.Length; i++)
        {
            var entry = entries[i];
            visible[i] = JournalEvents.MustWithhold(entry.Entry) ? new FeedEntry(entry.Position, JournalEvents.Withhold(entry.Entry)) : entry;
        }

        return visible;
    }

    private static bool AnyInternal(IReadOnlyList<AuditEntry> entries)
    {
        for (int i = 0; i < entries.Count; i++)
        {
            if (JournalEvents.MustWithhold(entries[i]))
            {
                return true;
            }
        }

        return false;
    }
}

using System.Threading;
using System.Threading.Tasks;
using Itsm.Persistence;

namespace Itsm.Hosting;

/// <summary>
/// A consumer of the event feed: the feed dispatcher hands it every committed event of every tenant it
/// serves, in feed order, at least once. Register it with <c>AddItsm(b =&gt; b.AddFeedHandler&lt;MyHandler&gt;())</c>.
/// </summary>
/// <remarks>
/// <para>Switch on <see cref="FeedEntry.Event"/> (for example <c>case IncidentAssigned assigned:</c>) and
/// ignore the events you do not need: returning counts as handled.</para>
/// <para>Delivery is at least once: after a crash, a shutdown in the middle of a call or a failed
/// checkpoint save, the same entry comes again with the same <see cref="FeedEntry.Position"/>. Use the
/// (tenant, position) pair as your dedupe key when a side effect must not happen twice.</para>
/// <para>Throwing means "not handled": the dispatcher retries with backoff and, after the configured number
/// of attempts, parks the entry and moves on (see <see cref="ItsmFeedAdmin"/> to replay it). Honour the
/// cancellation token: it is cancelled when the host shuts down, and an entry whose call was cancelled is
/// delivered again on the next start.</para>
/// <para>The handler is a singleton. For one tenant it is called for one entry at a time; for different
/// tenants it may be called concurrently, so keep shared state thread-safe (or create a DI scope per call).</para>
/// </remarks>
public interface IItsmEventHandler
{
    /// <summary>
    /// The consumer's name: its checkpoint and its parked entries are kept in the store under this name, per
    /// tenant. Keep it stable across releases (renaming it starts the feed again from position 1); names are
    /// unique among the handlers of one host, non-blank and at most 200 characters.
    /// </summary>
    string Name { get; }

    /// <summary>Handles one feed entry.</summary>
    /// <param name="entry">The entry: its <see cref="FeedEntry.Position"/> (the dedupe key), tenant and typed <see cref="FeedEntry.Event"/>.</param>
    /// <param name="cancellationToken">Cancelled when the host shuts down (or the tenant stops being served).</param>
    /// <returns>A task that completes when the entry is handled; a fault means "retry".</returns>
    ValueTask HandleAsync(FeedEntry entry, CancellationToken cancellationToken);
}

using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Persistence;

namespace Itsm.Engine;

/// <summary>
/// Receives the domain events of a command after its save has committed. The events are the
/// command's audit entries, in version order. An event is published at most once per command
/// run; a host that needs at-least-once delivery reads the audit log (it is the outbox) with
/// <see cref="IAggregateStore.ReadAuditAsync"/>.
/// </summary>
public interface IDomainEventPublisher
{
    /// <summary>Publishes the events of one committed save.</summary>
    /// <param name="events">The audit entries written, with the versions the store gave them.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the events are handed over.</returns>
    /// <remarks>An exception thrown here reaches the caller of the command, but the command stays committed.</remarks>
    ValueTask PublishAsync(IReadOnlyList<AuditEntry> events, CancellationToken cancellationToken);
}

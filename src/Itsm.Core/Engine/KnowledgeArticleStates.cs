using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Knowledge;
using Itsm.Persistence;
using NodaTime;

namespace Itsm.Engine;

/// <summary>
/// The current state of a tenant's knowledge article, read from the store with no authorizer: a citation
/// check needs to know the article is published, not to show it to the actor.
/// </summary>
internal sealed class KnowledgeArticleStates(IAggregateStore store, KnowledgeArticleCodec codec, IClock clock)
{
    public async ValueTask<KnowledgeArticleState?> StateOfAsync(TenantId tenant, KnowledgeArticleId id, CancellationToken cancellationToken)
    {
        var stored = await store.LoadAsync(tenant, KnowledgeArticle.RecordType, id.ToString(), cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        try
        {
            return codec.Deserialize(stored.Tenant, stored.RecordId, stored.Version, stored.State, clock).State;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            throw new CorruptRecordException(tenant, KnowledgeArticle.RecordType, stored.RecordId, ex.Message, ex);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Text.Json;
using Itsm.Common;
using Itsm.Knowledge;

namespace Itsm.Persistence;

/// <summary>
/// How ticket states store the knowledge articles they cite (docs/record-state.md): an array of GUID strings,
/// left out when empty, so a state saved before the field existed reads unchanged (none).
/// </summary>
internal static class StateKnowledgeFields
{
    /// <summary>Writes <c>knowledgeArticles</c> when the ticket cites any.</summary>
    internal static void WriteKnowledgeArticles(this Utf8JsonWriter writer, IReadOnlyList<KnowledgeArticleId> articles)
    {
        if (articles.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("knowledgeArticles");
        for (int i = 0; i < articles.Count; i++)
        {
            writer.WriteStringValue(articles[i].ToString());
        }

        writer.WriteEndArray();
    }

    /// <summary>The cited articles; none when the field is missing.</summary>
    /// <exception cref="JsonException">Not an array of distinct non-empty GUIDs within <see cref="FieldLimits.Items"/>.</exception>
    internal static IReadOnlyList<KnowledgeArticleId> KnowledgeArticles(this StateReader reader)
    {
        const string name = "knowledgeArticles";
        if (!reader.Has(name))
        {
            return [];
        }

        var texts = reader.Strings(name);
        if (texts.Length > FieldLimits.Items)
        {
            throw reader.Error(name, $"holds {texts.Length} items; at most {FieldLimits.Items}");
        }

        var articles = new KnowledgeArticleId[texts.Length];
        var seen = new HashSet<Guid>();
        for (int i = 0; i < texts.Length; i++)
        {
            if (!Guid.TryParseExact(texts[i], "D", out var id) || id == Guid.Empty || !seen.Add(id))
            {
                throw reader.Error(name, "must hold distinct article ids (GUID strings)");
            }

            articles[i] = new KnowledgeArticleId(id);
        }

        return articles;
    }
}

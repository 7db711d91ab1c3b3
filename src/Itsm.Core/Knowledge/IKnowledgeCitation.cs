namespace Itsm.Knowledge;

/// <summary>A command that cites a knowledge article: the engine checks the article is published before it runs.</summary>
internal interface IKnowledgeCitation
{
    /// <summary>The article cited.</summary>
    KnowledgeArticleId Article { get; }
}

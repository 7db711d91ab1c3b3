using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using Itsm.Knowledge;

namespace Itsm.Core.Tests.Lifecycles;

/// <summary><c>LinkKnowledgeArticle(actor, article)</c>: article 0 is the empty id (an argument error), 1 to 3 are fixed ids so repeats happen.</summary>
public sealed record LinkKnowledgeArticleStep(Who Who, int Article) : ModelStep
{
    public override string ToString() => $"LinkKnowledgeArticle({Who}, {Article})";
}

/// <summary>
/// The model of the knowledge articles a ticket cites, shared by incidents and problems: the ids as text in
/// link order; a repeat breaks <c>{prefix}-KB-001</c>. (The article's state is the engine's check, not the ticket's.)
/// </summary>
public static class KnowledgeLinksModel
{
    public static Gen<ModelStep> Step { get; } =
        from w in ModelGens.Who from a in Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 3))) select (ModelStep)new LinkKnowledgeArticleStep(w, a);

    public static KnowledgeArticleId Id(int article) =>
        article == 0 ? default : new KnowledgeArticleId(new Guid($"00000000-0000-0000-0000-0000000000a{article}"));

    public static string Of(IReadOnlyList<KnowledgeArticleId> articles) => string.Join(",", articles);

    public static string? Duplicate(string articles, LinkKnowledgeArticleStep s, string prefix) =>
        articles.Split(',').Contains(Id(s.Article).ToString()) ? prefix + "-KB-001" : null;

    public static string After(string articles, LinkKnowledgeArticleStep s) =>
        articles.Length == 0 ? Id(s.Article).ToString() : articles + "," + Id(s.Article);
}

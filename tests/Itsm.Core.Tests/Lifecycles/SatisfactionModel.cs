using FsCheck;
using FsCheck.Fluent;
using Itsm.Satisfaction;

namespace Itsm.Core.Tests.Lifecycles;

/// <summary><c>RecordSatisfaction(actor, score, comment, respondent)</c>: scores off the 1..5 scale, blank comments and respondents happen.</summary>
public sealed record RecordSatisfactionStep(Who Who, int Score, string? Comment, string? Respondent) : ModelStep
{
    public override string ToString() => $"RecordSatisfaction({Who}, {Score}, {Q(Comment)}, {Q(Respondent)})";
}

/// <summary>The model of a ticket's survey result, shared by incidents and service requests: the result as text, or null.</summary>
public static class SatisfactionModel
{
    public static Gen<ModelStep> Step { get; } =
        from w in ModelGens.Who
        from score in Gen.Frequency((1, Gen.Elements(0, 6)), (6, Gen.Choose(SatisfactionResponse.MinScore, SatisfactionResponse.MaxScore)))
        from comment in Gen.Frequency((1, Gen.Constant<string?>(" ")), (3, Gen.Constant<string?>(null)), (3, Gen.Constant<string?>("Quick and friendly.")))
        from respondent in Gen.Frequency((1, Gen.Constant<string?>(null)), (5, Gen.Constant<string?>("rita")))
        select (ModelStep)new RecordSatisfactionStep(w, score, comment, respondent);

    /// <summary>The argument checks, in the documented order (actor first).</summary>
    public static Arguments Args(Arguments arguments, RecordSatisfactionStep s) => arguments
        .Range(s.Score, SatisfactionResponse.MinScore, SatisfactionResponse.MaxScore, "score")
        .Check(s.Comment is null || !string.IsNullOrWhiteSpace(s.Comment), "comment")
        .Blank(s.Respondent, "respondent");

    public static string Text(RecordSatisfactionStep s) => $"{s.Score}|{s.Comment}|{s.Respondent}";

    public static string? Of(SatisfactionResponse? response) => response is null ? null : $"{response.Score}|{response.Comment}|{response.Respondent}";
}

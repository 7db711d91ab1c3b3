using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Common;

namespace Itsm.Changes;

/// <summary>A question of a risk questionnaire: its id, its text and the score of each answer.</summary>
public sealed record RiskQuestion
{
    /// <summary>Creates a question.</summary>
    /// <param name="id">A stable id (the key of its answer).</param>
    /// <param name="text">The question as asked.</param>
    /// <param name="answerScores">Each possible answer and its score (at least one; scores not negative).</param>
    /// <exception cref="ArgumentException">The id or text is blank, there is no answer, an answer is blank or a score negative.</exception>
    public RiskQuestion(string id, string text, IReadOnlyDictionary<string, int> answerScores)
    {
        Id = FieldCheck.Required(id, FieldLimits.Id);
        Text = FieldCheck.Required(text, FieldLimits.Text);
        Guard.Against.Null(answerScores);
        if (answerScores.Count == 0 || answerScores.Any(a => string.IsNullOrWhiteSpace(a.Key) || a.Value < 0))
        {
            throw new ArgumentException("A question needs at least one answer; answers must not be blank and scores not negative.", nameof(answerScores));
        }

        AnswerScores = new Dictionary<string, int>(answerScores, StringComparer.Ordinal);
    }

    /// <summary>The question's id.</summary>
    public string Id { get; }

    /// <summary>The question as asked.</summary>
    public string Text { get; }

    /// <summary>Each possible answer and its score.</summary>
    public IReadOnlyDictionary<string, int> AnswerScores { get; }
}

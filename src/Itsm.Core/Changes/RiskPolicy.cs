using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Text;

namespace Itsm.Changes;

/// <summary>
/// How a change's risk is assessed: a configurable questionnaire (each answer scores; the total
/// against two thresholds gives Low, Moderate or High) and conditions on the change (touching a
/// critical service makes it High; causing an outage makes it at least Moderate). When both run,
/// the higher risk wins. Immutable and thread-safe.
/// </summary>
public sealed class RiskPolicy
{
    private readonly RiskQuestion[] _questions;
    private readonly HashSet<string> _criticalServices;

    /// <summary>Creates a policy.</summary>
    /// <param name="questions">The questionnaire (possibly empty); question ids must be unique.</param>
    /// <param name="moderateFrom">The lowest score that is <see cref="ChangeRisk.Moderate"/>.</param>
    /// <param name="highFrom">The lowest score that is <see cref="ChangeRisk.High"/>; at least <paramref name="moderateFrom"/>.</param>
    /// <param name="criticalServices">The services whose change is always <see cref="ChangeRisk.High"/>, or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">A question is null, two share an id, a threshold is not positive, <paramref name="highFrom"/> is below <paramref name="moderateFrom"/>, or a critical service is blank.</exception>
    public RiskPolicy(IEnumerable<RiskQuestion> questions, int moderateFrom, int highFrom, IEnumerable<string>? criticalServices = null)
    {
        Guard.Against.Null(questions);
        _questions = questions.ToArray();
        if (Array.Exists(_questions, q => q is null))
        {
            throw new ArgumentException("A question is null.", nameof(questions));
        }

        if (_questions.Select(q => q.Id).Distinct(StringComparer.Ordinal).Count() != _questions.Length)
        {
            throw new ArgumentException("Two questions share an id.", nameof(questions));
        }

        Guard.Against.NegativeOrZero(moderateFrom);
        if (highFrom < moderateFrom)
        {
            throw new ArgumentException("The High threshold must not be below the Moderate threshold.", nameof(highFrom));
        }

        var critical = (criticalServices ?? []).ToArray();
        if (critical.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A critical service is null or blank.", nameof(criticalServices));
        }

        _criticalServices = new HashSet<string>(critical, StringComparer.Ordinal);
        ModerateFrom = moderateFrom;
        HighFrom = highFrom;
        Questions = Array.AsReadOnly(_questions);
        CriticalServices = _criticalServices.Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>A policy without questions or critical services: only the outage condition counts.</summary>
    public static RiskPolicy Default { get; } = new([], 1, 1);

    /// <summary>The questionnaire.</summary>
    public IReadOnlyList<RiskQuestion> Questions { get; }

    /// <summary>The lowest score that is <see cref="ChangeRisk.Moderate"/>.</summary>
    public int ModerateFrom { get; }

    /// <summary>The lowest score that is <see cref="ChangeRisk.High"/>.</summary>
    public int HighFrom { get; }

    /// <summary>The critical services, sorted.</summary>
    public IReadOnlyList<string> CriticalServices { get; }

    /// <summary>Assesses a change's risk.</summary>
    /// <param name="answers">An answer to every question, keyed by question id (ignored when there are no questions).</param>
    /// <param name="causesOutage">Whether the change causes an outage.</param>
    /// <param name="services">The services the change touches.</param>
    /// <returns>The assessment; its <see cref="RiskAssessment.Risk"/> is the higher of the questionnaire's and the conditions'.</returns>
    /// <exception cref="ArgumentException">A list is null, a question is not answered, an answer is not one of its question's, or an answer names no question.</exception>
    public RiskAssessment Assess(IReadOnlyDictionary<string, string> answers, bool causesOutage, IEnumerable<string> services)
    {
        Guard.Against.Null(answers);
        Guard.Against.Null(services);
        int score = Score(answers);
        var questionnaire = _questions.Length == 0 ? ChangeRisk.Low
            : score >= HighFrom ? ChangeRisk.High
            : score >= ModerateFrom ? ChangeRisk.Moderate
            : ChangeRisk.Low;
        var conditions = services.Any(_criticalServices.Contains) ? ChangeRisk.High
            : causesOutage ? ChangeRisk.Moderate
            : ChangeRisk.Low;
        return new RiskAssessment(score, questionnaire, conditions, questionnaire > conditions ? questionnaire : conditions);
    }

    private int Score(IReadOnlyDictionary<string, string> answers)
    {
        if (_questions.Length == 0)
        {
            return 0;
        }

        foreach (var key in answers.Keys)
        {
            if (!Array.Exists(_questions, q => q.Id == key))
            {
                throw new ArgumentException($"The answer '{QuotedText.Of(key)}' names no question.", nameof(answers));
            }
        }

        int score = 0;
        foreach (var question in _questions)
        {
            if (!answers.TryGetValue(question.Id, out var answer))
            {
                throw new ArgumentException($"Question '{QuotedText.Of(question.Id)}' is not answered.", nameof(answers));
            }

            if (answer is null || !question.AnswerScores.TryGetValue(answer, out int points))
            {
                throw new ArgumentException($"'{QuotedText.Of(answer)}' is not an answer of question '{QuotedText.Of(question.Id)}'.", nameof(answers));
            }

            score += points;
        }

        return score;
    }
}

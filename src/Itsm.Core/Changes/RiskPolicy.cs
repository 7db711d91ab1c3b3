using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Services;
using Itsm.Text;

namespace Itsm.Changes;

/// <summary>
/// How a change's risk is assessed: a configurable questionnaire (each answer scores; the total
/// against two thresholds gives Low, Moderate or High) and conditions on the change (touching a
/// critical service makes it High; causing an outage makes it at least Moderate). When both run,
/// the higher risk wins. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para>With a <see cref="ServiceModel"/>, the conditions look at the services a change impacts, not
/// only those it names: the services it names, plus every service an outage of the configuration items
/// it touches reaches through the CI relationships (<see cref="Itsm.Services.ServiceModel.ImpactOf(IEnumerable{string})"/>).
/// An impacted service that is in <see cref="CriticalServices"/> or whose
/// <see cref="Itsm.Services.Service.Criticality"/> is <see cref="BusinessCriticality.MostCritical"/> is a
/// critical service, and one or more make the change High; an impacted
/// <see cref="BusinessCriticality.SomewhatCritical"/> service makes it at least Moderate. The
/// assessment lists the critical services it counted (<see cref="RiskAssessment.ImpactedCriticalServices"/>).
/// Configuration items and services the model does not hold are skipped here (the engine refuses
/// commands that name them).</para>
/// <para>Without a model, only <see cref="CriticalServices"/> among the named services counts, as before.</para>
/// </remarks>
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

    /// <summary>
    /// The service model whose CI relationships and business criticality the conditions take into
    /// account, or <see langword="null"/> (the default) for the named services and <see cref="CriticalServices"/> alone.
    /// </summary>
    public ServiceModel? ServiceModel { get; init; }

    /// <summary>Assesses a change's risk.</summary>
    /// <param name="answers">An answer to every question, keyed by question id (ignored when there are no questions).</param>
    /// <param name="causesOutage">Whether the change causes an outage.</param>
    /// <param name="services">The services the change touches.</param>
    /// <returns>The assessment; its <see cref="RiskAssessment.Risk"/> is the higher of the questionnaire's and the conditions'.</returns>
    /// <exception cref="ArgumentException">A list is null, a question is not answered, an answer is not one of its question's, or an answer names no question.</exception>
    public RiskAssessment Assess(IReadOnlyDictionary<string, string> answers, bool causesOutage, IEnumerable<string> services) =>
        Assess(answers, causesOutage, services, []);

    /// <summary>Assesses the risk of a change that touches <paramref name="services"/> and <paramref name="configurationItems"/>.</summary>
    /// <param name="answers">An answer to every question, keyed by question id (ignored when there are no questions).</param>
    /// <param name="causesOutage">Whether the change causes an outage.</param>
    /// <param name="services">The services the change touches.</param>
    /// <param name="configurationItems">The configuration items the change touches; with a <see cref="ServiceModel"/>, the services an outage of them impacts count as touched.</param>
    /// <returns>The assessment; its <see cref="RiskAssessment.Risk"/> is the higher of the questionnaire's and the conditions'.</returns>
    /// <exception cref="ArgumentException">A list is null, a question is not answered, an answer is not one of its question's, or an answer names no question.</exception>
    public RiskAssessment Assess(IReadOnlyDictionary<string, string> answers, bool causesOutage, IEnumerable<string> services, IEnumerable<string> configurationItems)
    {
        Guard.Against.Null(answers);
        Guard.Against.Null(services);
        Guard.Against.Null(configurationItems);
        int score = Score(answers);
        var questionnaire = _questions.Length == 0 ? ChangeRisk.Low
            : score >= HighFrom ? ChangeRisk.High
            : score >= ModerateFrom ? ChangeRisk.Moderate
            : ChangeRisk.Low;
        var impacted = Impacted(services, configurationItems);
        var critical = impacted.Where(IsCritical).Order(StringComparer.Ordinal).ToArray();
        var conditions = critical.Length > 0 ? ChangeRisk.High
            : causesOutage || impacted.Any(s => CriticalityOf(s) == BusinessCriticality.SomewhatCritical) ? ChangeRisk.Moderate
            : ChangeRisk.Low;
        return new RiskAssessment(score, questionnaire, conditions, questionnaire > conditions ? questionnaire : conditions)
        {
            ImpactedCriticalServices = critical,
        };
    }

    // The named services, and with a model the services the touched items' outage reaches.
    private HashSet<string> Impacted(IEnumerable<string> services, IEnumerable<string> configurationItems)
    {
        var impacted = new HashSet<string>(services, StringComparer.Ordinal);
        if (ServiceModel is { } model)
        {
            var known = configurationItems.Where(model.ConfigurationItems.ContainsKey).ToArray();
            if (known.Length > 0)
            {
                impacted.UnionWith(model.ImpactOf(known).AffectedServices);
            }
        }

        return impacted;
    }

    private bool IsCritical(string service) =>
        _criticalServices.Contains(service) || CriticalityOf(service) == BusinessCriticality.MostCritical;

    private BusinessCriticality CriticalityOf(string service) =>
        ServiceModel is { } model && model.Services.TryGetValue(service, out var s) ? s.Criticality : BusinessCriticality.NotCritical;

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

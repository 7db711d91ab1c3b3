using System;
using System.Collections.Generic;
using Itsm.Common;
using Itsm.Knowledge;
using Itsm.Satisfaction;
using Itsm.ServiceDesk;

namespace Itsm.Improvement;

// Knowledge use, first-contact resolution by article and customer satisfaction (docs/kpis.md).
public static partial class KpiCalculator
{
    private sealed partial class Pass
    {
        private readonly HashSet<string> _firstContactIncidents = new(StringComparer.Ordinal);

        // A first-contact classification counts whenever it was made before the period's end: an agent may
        // resolve an incident and classify its interaction in either order.
        private void NoteFirstContact(AuditEntry entry)
        {
            if (entry.Event is InteractionClassifiedAsIncident { ResolvedOnFirstContact: true } classified)
            {
                _firstContactIncidents.Add(classified.Incident.ToString());
            }
        }

        // A result counts under the group and priority its ticket had when it was recorded, and under the service
        // the ticket has at the end: each is kept on the ticket's track until the pass ends.
        private static SurveyTally Tally(TicketSatisfactionRecorded survey, string? group, int priority) =>
            new(survey.Score >= SatisfactionResponse.SatisfiedFrom, group, priority);

        private Dictionary<KnowledgeArticleId, KpiMeasure> AddPractices(
            KpiSet overall, Dictionary<string, KpiSet> byService, Dictionary<string, KpiSet> byGroup, Dictionary<int, KpiSet> byPriority)
        {
            var byArticle = new Dictionary<KnowledgeArticleId, KpiMeasure>();
            foreach (var (id, incident) in _incidents)
            {
                var service = incident.Service is { } name ? Slice(byService, name) : null;
                foreach (var survey in incident.Surveys ?? [])
                {
                    foreach (var set in SlicesAt(overall, service, byGroup, survey.Group, byPriority, survey.Priority))
                    {
                        set.Count(KpiId.CustomerSatisfaction, survey.Satisfied);
                    }
                }

                if (incident.LastResolveInPeriod is null)
                {
                    continue;
                }

                var cites = incident.Articles is { Count: > 0 };
                var firstContact = cites && _firstContactIncidents.Contains(id);
                foreach (var set in SlicesAt(overall, service, byGroup, incident.ResolvedGroup, byPriority, incident.ResolvedPriority))
                {
                    set.Count(KpiId.KnowledgeUseRate, cites);
                    if (cites)
                    {
                        set.Count(KpiId.KnowledgeFirstContactResolutionRate, firstContact);
                    }
                }

                if (cites)
                {
                    foreach (var article in incident.Articles!)
                    {
                        byArticle.TryGetValue(article, out var measure);
                        byArticle[article] = new KpiMeasure(measure.Numerator + (firstContact ? 1 : 0), measure.Denominator + 1);
                    }
                }
            }

            return byArticle;
        }

    }

    /// <summary>One survey result: satisfied or not, and the group and priority its ticket had when it was recorded.</summary>
    private readonly record struct SurveyTally(bool Satisfied, string? Group, int Priority);
}

using System.Collections.Generic;
using System.Globalization;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Improvement;
using Itsm.Incidents;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.ServiceDesk;
using NodaTime;

namespace Itsm.ProcessMining;

/// <summary>
/// What one typed event adds to the log beyond its own record: the objects it relates to (event-to-object
/// relationships), the links between records it makes or breaks (object-to-object relationships), and the
/// object attributes it changes. docs/process-mining.md lists the mapping.
/// </summary>
internal static class OcelEventMapping
{
    /// <summary>The qualifier of the relationship of every event with the record whose audit entry it is.</summary>
    internal const string Record = "record";

    /// <summary>
    /// Applies <paramref name="event"/> (the typed reading of an entry of <paramref name="record"/>) to the
    /// objects, and adds the objects it relates to, besides its record, to <paramref name="related"/>.
    /// </summary>
    internal static void Apply(DomainEvent @event, Instant at, OcelObject record, OcelObjects objects, List<(string ObjectId, string Qualifier)> related)
    {
        switch (@event)
        {
            case IncidentOpened e:
                record.Set("priority", Number(e.Priority.Value), at);
                record.Set("impact", Number((int)e.Impact), at);
                record.Set("urgency", Number((int)e.Urgency), at);
                record.SetOrClear("service", e.Service?.Value, at);
                break;
            case IncidentPriorityChanged e:
                record.Set("priority", Number(e.Priority.Value), at);
                record.Set("impact", Number((int)e.Impact), at);
                record.Set("urgency", Number((int)e.Urgency), at);
                break;
            case IncidentAssigned e:
                Assignment(record, e.Group?.Value, e.Assignee, at);
                break;
            case IncidentUnassigned:
                Assignment(record, null, null, at);
                break;
            case ProblemAssigned e:
                Assignment(record, e.Group?.Value, e.Assignee, at);
                break;
            case ProblemUnassigned:
                Assignment(record, null, null, at);
                break;
            case ServiceRequestAssigned e:
                Assignment(record, e.Group?.Value, e.Assignee, at);
                break;
            case ServiceRequestUnassigned:
                Assignment(record, null, null, at);
                break;
            case IncidentEscalatedFunctionally e:
                record.Set("assignmentGroup", e.ToGroup.Value, at);
                break;
            case IncidentPromotedToMajor:
                record.Set("major", "true", at);
                break;
            case IncidentDemotedFromMajor:
                record.Set("major", "false", at);
                break;
            case IncidentLinkedToProblem e:
                Link(record, objects.GetOrAdd(Problem.RecordType, e.Problem), "problem", "problem", related, single: true);
                break;
            case IncidentLinkedToCausingChange e:
                Link(record, objects.GetOrAdd(Change.RecordType, e.Change), "caused by change", "causing change", related, single: true);
                break;
            case IncidentAttachedToParent e:
                Link(record, objects.GetOrAdd(Incident.RecordType, e.Parent.ToString()), "parent incident", "parent incident", related, single: true);
                break;
            case IncidentResolved e:
                RelateResolver(e.Code, record, related);
                break;
            case ProblemOpened e:
                record.SetOrClear("service", e.Service?.Value, at);
                break;
            case TicketServiceChanged e:
                record.SetOrClear("service", e.Service?.Value, at);
                break;
            case ProblemMarkedAsKnownError:
                record.Set("knownError", "true", at);
                break;
            case ProblemIncidentLinked e:
                Link(record, objects.GetOrAdd(Incident.RecordType, e.Incident.ToString()), "linked incident", "incident", related, single: false);
                break;
            case ProblemIncidentUnlinked e:
                var unlinked = objects.GetOrAdd(Incident.RecordType, e.Incident.ToString());
                record.Unrelate(unlinked.Id, "linked incident");
                related.Add((unlinked.Id, "incident"));
                break;
            case ProblemChangeRaised e:
                Link(record, objects.GetOrAdd(Change.RecordType, e.Change), "raised change", "change", related, single: false);
                break;
            case ProblemResolved:
                // The resolution is what the linked incidents waited for: relate it to each, so an incident's
                // history in an object-centric view shows the problem's resolution.
                foreach (var incident in record.AllRelated("linked incident"))
                {
                    related.Add((incident, "linked incident"));
                }

                break;
            case ChangeOpened e:
                record.Set("changeType", e.Type.ToString(), at);
                record.SetOrClear("service", e.Service?.Value, at);
                record.SetOrClear("assignmentGroup", e.AssignmentGroup?.Value, at);
                break;
            case ChangeAssigned e:
                record.SetOrClear("assignmentGroup", e.Group?.Value, at);
                break;
            case ChangeRiskAssessed e:
                record.Set("risk", e.Risk.ToString(), at);
                break;
            case ServiceRequestSubmitted e:
                record.Set("item", e.ItemId, at);
                record.Set("priority", Number(e.Priority.Value), at);
                break;
            case InteractionLogged e:
                record.Set("channel", e.Channel.ToString(), at);
                break;
            case InteractionClassifiedAsIncident e:
                Link(record, objects.GetOrAdd(Incident.RecordType, e.Incident.ToString()), "raised incident", "incident", related, single: true);
                break;
            case InteractionClassifiedAsServiceRequest e:
                Link(record, objects.GetOrAdd(ServiceRequest.RecordType, e.Request.ToString()), "raised service request", "service request", related, single: true);
                break;
            case ImprovementItemProposed e:
                record.Set("kpi", e.Kpi, at);
                break;
        }
    }

    private static void Assignment(OcelObject record, string? group, string? assignee, Instant at)
    {
        record.SetOrClear("assignmentGroup", group, at);
        record.SetOrClear("assignee", assignee, at);
    }

    /// <summary>The declared OCEL type of an object attribute the mapping sets: its values are that type's text.</summary>
    internal static string ObjectAttributeType(string name) => name switch
    {
        "priority" or "impact" or "urgency" => "integer",
        "major" or "knownError" => "boolean",
        _ => "string",
    };

    private static void Link(OcelObject from, OcelObject to, string objectQualifier, string eventQualifier, List<(string ObjectId, string Qualifier)> related, bool single)
    {
        if (single)
        {
            from.RelateOnly(to.Id, objectQualifier);
        }
        else
        {
            from.Relate(to.Id, objectQualifier);
        }

        related.Add((to.Id, eventQualifier));
    }

    // An incident resolved with its problem or its major incident names neither in the event: the links the
    // log made earlier do.
    private static void RelateResolver(IncidentResolutionCode code, OcelObject incident, List<(string ObjectId, string Qualifier)> related)
    {
        var (qualifier, resolver) = code switch
        {
            IncidentResolutionCode.ResolvedByProblem => ("resolved by problem", incident.Related("problem")),
            IncidentResolutionCode.ResolvedByParent => ("resolved by parent incident", incident.Related("parent incident")),
            _ => (string.Empty, null),
        };
        if (resolver is not null)
        {
            related.Add((resolver, qualifier));
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

using System.Collections.Generic;

namespace Itsm.Common;

/// <summary>Reads an audit entry as its typed <see cref="DomainEvent"/>, by record type and command name.</summary>
internal static class DomainEvents
{
    internal static DomainEvent Read(string recordType, string command, IReadOnlyDictionary<string, string> data)
    {
        DomainEvent? read = recordType switch
        {
            Incidents.Incident.RecordType => Incidents.IncidentEvents.Read(command, data),
            Requests.ServiceRequest.RecordType => Requests.ServiceRequestEvents.Read(command, data),
            ServiceDesk.Interaction.RecordType => ServiceDesk.InteractionEvents.Read(command, data),
            Improvement.ImprovementItem.RecordType => Improvement.ImprovementItemEvents.Read(command, data),
            Problems.Problem.RecordType => Problems.ProblemEvents.Read(command, data),
            Changes.Change.RecordType => Changes.ChangeEvents.Read(command, data),
            ServiceModelRecords.ServiceModelRecord.RecordType => ServiceModelRecords.ServiceModelRecordEvents.Read(command, data),
            Knowledge.KnowledgeArticle.RecordType => Knowledge.KnowledgeArticleEvents.Read(command, data),
            _ => null,
        };
        read ??= Journal.JournalEvents.IsTicket(recordType) ? Journal.JournalEvents.Read(command, data) : null;
        read ??= recordType is Incidents.Incident.RecordType or Changes.Change.RecordType or Problems.Problem.RecordType or Requests.ServiceRequest.RecordType ? Workflows.WorkflowEvents.Read(command, data) : null;
        return read ?? new UnrecognizedEvent(recordType, command, data);
    }
}

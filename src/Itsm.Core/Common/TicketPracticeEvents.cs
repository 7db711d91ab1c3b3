using System.Collections.Generic;

namespace Itsm.Common;

/// <summary>Reads the events several ticket types share for knowledge and customer satisfaction.</summary>
internal static class TicketPracticeEvents
{
    internal static DomainEvent? ReadEvent(string command, IReadOnlyDictionary<string, string> data) =>
        command switch
        {
            TicketKnowledgeArticleLinked.CommandName => TicketKnowledgeArticleLinked.Read(data),
            TicketSatisfactionRecorded.CommandName => TicketSatisfactionRecorded.Read(data),
            _ => null,
        };
}

using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Problems;

/// <summary>Reads the audit entries of problems as typed events (docs/events.md lists the mapping).</summary>
internal static class ProblemEvents
{
    internal static DomainEvent? Read(string command, IReadOnlyDictionary<string, string> data) =>
        command switch
        {
            ProblemOpened.CommandName => ProblemOpened.Read(data),
            ProblemAssessed.CommandName => ProblemAssessed.Read(data),
            RootCauseAnalysisStarted.CommandName => RootCauseAnalysisStarted.Read(data),
            RootCauseRecorded.CommandName => RootCauseRecorded.Read(data),
            WorkaroundDocumented.CommandName => WorkaroundDocumented.Read(data),
            ProblemMarkedAsKnownError.CommandName => ProblemMarkedAsKnownError.Read(data),
            ProblemFixStarted.CommandName => ProblemFixStarted.Read(data),
            ProblemChangeRaised.CommandName => ProblemChangeRaised.Read(data),
            ProblemIncidentLinked.CommandName => ProblemIncidentLinked.Read(data),
            ProblemIncidentUnlinked.CommandName => ProblemIncidentUnlinked.Read(data),
            ProblemResolved.CommandName => ProblemResolved.Read(data),
            ProblemClosed.CommandName => ProblemClosed.Read(data),
            ProblemCanceled.CommandName => ProblemCanceled.Read(data),
            ProblemAssigned.CommandName => ProblemAssigned.Read(data),
            ProblemUnassigned.CommandName => ProblemUnassigned.Read(data),
            _ => TicketServiceFields.ReadEvent(command, data) ?? TicketPracticeEvents.ReadEvent(command, data),
        };
}

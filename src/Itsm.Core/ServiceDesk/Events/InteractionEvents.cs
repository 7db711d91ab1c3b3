using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.ServiceDesk;

/// <summary>Reads the audit entries of service desk interactions as typed events (docs/events.md lists the mapping).</summary>
internal static class InteractionEvents
{
    internal static DomainEvent? Read(string command, IReadOnlyDictionary<string, string> data) =>
        command switch
        {
            InteractionLogged.CommandName => InteractionLogged.Read(data),
            InteractionClassifiedAsIncident.CommandName => InteractionClassifiedAsIncident.Read(data),
            InteractionClassifiedAsServiceRequest.CommandName => InteractionClassifiedAsServiceRequest.Read(data),
            InteractionAnswered.CommandName => InteractionAnswered.Read(data),
            _ => null,
        };
}

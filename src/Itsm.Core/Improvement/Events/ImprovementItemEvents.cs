using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Improvement;

/// <summary>Reads the audit entries of improvement items as typed events (docs/events.md lists the mapping).</summary>
internal static class ImprovementItemEvents
{
    internal static DomainEvent? Read(string command, IReadOnlyDictionary<string, string> data) =>
        command switch
        {
            ImprovementItemProposed.CommandName => ImprovementItemProposed.Read(data),
            ImprovementItemUpdated.CommandName => ImprovementItemUpdated.Read(data),
            ImprovementItemApproved.CommandName => ImprovementItemApproved.Read(data),
            ImprovementItemRejected.CommandName => ImprovementItemRejected.Read(data),
            ImprovementItemStarted.CommandName => ImprovementItemStarted.Read(data),
            ImprovementItemCompleted.CommandName => ImprovementItemCompleted.Read(data),
            _ => null,
        };
}

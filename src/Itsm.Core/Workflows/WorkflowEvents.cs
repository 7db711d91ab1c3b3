using System;
using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Workflows;

/// <summary>Reads the workflow events every record type that runs workflows records.</summary>
internal static class WorkflowEvents
{
    /// <summary>The workflow event types, which change no SLA snapshot field besides the custom state every entry carries.</summary>
    internal static readonly IReadOnlySet<Type> Types = new HashSet<Type> { typeof(WorkflowTransitioned), typeof(WorkflowMigrated) };

    internal static DomainEvent? Read(string command, IReadOnlyDictionary<string, string> data) => command switch
    {
        WorkflowTransitioned.CommandName => WorkflowTransitioned.Read(data),
        WorkflowMigrated.CommandName => WorkflowMigrated.Read(data),
        _ => null,
    };
}

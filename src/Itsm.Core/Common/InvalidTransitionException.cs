using System;
using System.Collections.Generic;
using System.Linq;

namespace Itsm.Common;

/// <summary>
/// A command was refused because the record's lifecycle does not allow it in its current state.
/// Nothing changed. The exception names the state, the command (trigger) and the commands the
/// state does permit.
/// </summary>
public sealed class InvalidTransitionException : InvalidOperationException
{
    /// <summary>The stable code of this error.</summary>
    public const string ErrorCode = "ITSM-LC-TRANSITION-001";

    /// <summary>Creates the exception.</summary>
    /// <param name="recordType">The kind of record, for example <c>"Incident"</c>.</param>
    /// <param name="state">The state the record is in.</param>
    /// <param name="trigger">The command that was refused.</param>
    /// <param name="permittedTriggers">The commands the state permits.</param>
    public InvalidTransitionException(string recordType, string state, string trigger, IEnumerable<string> permittedTriggers)
        : base(BuildMessage(recordType, state, trigger, permittedTriggers?.ToArray() ?? []))
    {
        RecordType = recordType;
        State = state;
        Trigger = trigger;
        PermittedTriggers = permittedTriggers?.ToArray() ?? [];
    }

    /// <summary>The kind of record.</summary>
    public string RecordType { get; }

    /// <summary>The state the record is in.</summary>
    public string State { get; }

    /// <summary>The command that was refused.</summary>
    public string Trigger { get; }

    /// <summary>The commands the state permits (possibly none).</summary>
    public IReadOnlyList<string> PermittedTriggers { get; }

    /// <summary>The stable code of this error: <see cref="ErrorCode"/>.</summary>
    public string Code => ErrorCode;

    private static string BuildMessage(string recordType, string state, string trigger, string[] permitted) =>
        permitted.Length == 0
            ? $"{recordType} in state {state} cannot {trigger}: the state is terminal and permits no command."
            : $"{recordType} in state {state} cannot {trigger}; it permits: {string.Join(", ", permitted)}.";
}

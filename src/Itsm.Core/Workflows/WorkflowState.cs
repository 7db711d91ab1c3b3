using System;
using System.Collections.Generic;

namespace Itsm.Workflows;

/// <summary>
/// A custom state of a <see cref="Workflow{TState, TCommand}"/>: a host's own status ("Triage", "Awaiting
/// Change", "Peer Review") inside one of the library's states, its <see cref="Parent"/>. The record's library
/// state stays the parent, so SLA conditions, KPIs, reopen and auto-close rules keep working; the custom state
/// refines it (Jira Service Management's status inside a status category).
/// </summary>
/// <typeparam name="TState">The library's states, for example <see cref="Itsm.Incidents.IncidentState"/>.</typeparam>
/// <typeparam name="TCommand">The library's commands, for example <see cref="Itsm.Incidents.IncidentCommand"/>.</typeparam>
/// <param name="Name">The state's name, unique in the workflow (ignoring case) and unlike every library state's name.</param>
/// <param name="Parent">The library state it refines; never a final state.</param>
/// <param name="IsEntry">
/// Whether a record entering <see cref="Parent"/> by a library command lands here unless a bound transition
/// (<see cref="WorkflowTransition{TCommand}.Command"/>) says otherwise. One custom state per parent is the
/// entry: the one marked, else the first declared.
/// </param>
/// <param name="Blocks">
/// Library commands the state refuses although its parent permits them, for example the CAB's
/// <c>Authorize</c> while a change waits for peer review. Refused commands are left out of the record's
/// <c>PermittedCommands</c> and refused with <see cref="Itsm.Common.InvalidTransitionException"/>.
/// </param>
public sealed record WorkflowState<TState, TCommand>(string Name, TState Parent, bool IsEntry, IReadOnlyList<TCommand> Blocks)
    where TState : struct, Enum
    where TCommand : struct, Enum;

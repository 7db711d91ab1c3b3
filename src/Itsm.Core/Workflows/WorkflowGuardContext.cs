using Itsm.Common;

namespace Itsm.Workflows;

/// <summary>What a host predicate of a <see cref="WorkflowGuard"/> sees when a named transition is asked for.</summary>
/// <param name="Record">The record being moved (an <see cref="Itsm.Incidents.Incident"/>, a <see cref="Itsm.Changes.Change"/>, ...), before the move: read it, never command it.</param>
/// <param name="Actor">Who asks for the transition.</param>
/// <param name="Transition">The transition's name.</param>
/// <param name="FromState">The custom state the record is in.</param>
/// <param name="ToState">The custom state it would enter.</param>
public sealed record WorkflowGuardContext(object Record, Actor Actor, string Transition, string FromState, string ToState);

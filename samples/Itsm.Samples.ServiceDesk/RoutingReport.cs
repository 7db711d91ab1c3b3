using System.Collections.Generic;
using NodaTime;

namespace Itsm.Samples.ServiceDesk;

/// <summary>How one incident was routed when the desk first assigned it.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Service">Its service, if any.</param>
/// <param name="Rule">The rule that chose the group, or <c>fallback</c>.</param>
/// <param name="Group">The group.</param>
/// <param name="Strategy"><c>round-robin</c> or <c>least-loaded</c>.</param>
/// <param name="Agent">The person chosen.</param>
public sealed record RoutedIncident(string IncidentId, string? Service, string Rule, string Group, string Strategy, string Agent);

/// <summary>Who the Network rota says is on call at one instant.</summary>
/// <param name="At">The instant.</param>
/// <param name="Local">The instant in London time.</param>
/// <param name="Person">Who is on call, or null.</param>
/// <param name="Explanation">Why.</param>
public sealed record OnCallLine(Instant At, LocalDateTime Local, string? Person, string Explanation);

/// <summary>The routing part of the report: each incident's routing and the Network group's on-call answers.</summary>
/// <param name="Incidents">The incidents routed in this run, in order.</param>
/// <param name="NetworkOnCall">Who is on call for Network at the report's instants.</param>
public sealed record RoutingReport(IReadOnlyList<RoutedIncident> Incidents, IReadOnlyList<OnCallLine> NetworkOnCall);

using System;
using System.Linq;
using Itsm.Common;
using Itsm.Routing;
using Itsm.Services;
using NodaTime;

namespace Itsm.Samples.ServiceDesk;

/// <summary>
/// How the desk routes incidents (Itsm.Routing): assignment rules that choose the group, a strategy per group that
/// chooses the person, and the Network group's on-call rota.
/// </summary>
public static class DeskRouting
{
    /// <summary>The groups that give a ticket to whoever has the fewest open incidents; the others take turns.</summary>
    private static readonly string[] LeastLoadedGroups = ["Business Apps", "End User Computing"];

    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    /// <summary>
    /// The rules, tried in order: an incident on the VPN concentrator goes to Network whatever service it names; a
    /// high-priority laptop incident from Leeds goes to End User Computing; then each service's own group (the
    /// service catalogue's table); anything else to the first group.
    /// </summary>
    public static AssignmentRuleSet Rules { get; } = new(
        [
            new AssignmentRule("vpn-concentrator", new SupportGroupId("Network"), configurationItems: [new ConfigurationItemId("vpn-concentrator-01")]),
            new AssignmentRule("leeds-laptops-urgent", new SupportGroupId("End User Computing"), services: [new ServiceId("Laptops")], locations: ["leeds"], priorities: [Priority.Critical, Priority.High]),
            .. ServiceDeskModel.Services.Select(s => new AssignmentRule("service-" + s.Name.ToLowerInvariant(), new SupportGroupId(s.Group), services: [new ServiceId(s.Name)])),
        ],
        new SupportGroupId(ServiceDeskModel.Groups[0].Name));

    /// <summary>Whether a group chooses its person by least load (else round-robin).</summary>
    /// <param name="group">The group's name.</param>
    /// <returns><see langword="true"/> for least-loaded.</returns>
    public static bool UsesLeastLoaded(string group) => LeastLoadedGroups.Contains(group, StringComparer.Ordinal);

    /// <summary>The caller's office, a routing fact the tickets do not carry (the host knows it from its directory).</summary>
    /// <param name="callerId">The caller's id.</param>
    /// <returns><c>leeds</c> or <c>london</c>.</returns>
    public static string LocationOf(string callerId) => callerId.Sum(c => c) % 3 == 0 ? "leeds" : "london";

    /// <summary>
    /// The Network group's on-call rota for a run starting on <paramref name="firstDay"/>: George and Farah take
    /// weekly turns handing off on Monday 09:00 London time; on weekend days 09:00-17:00 the Infrastructure
    /// engineers cover in daily turns; and the manager covers the first Wednesday night (an override).
    /// </summary>
    /// <param name="firstDay">The run's first day.</param>
    /// <returns>The rota.</returns>
    public static OnCallRota NetworkRota(LocalDate firstDay)
    {
        var monday = firstDay.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));
        var wednesdayNight = new Interval(
            (monday.PlusDays(2) + new LocalTime(18, 0)).InZoneLeniently(London).ToInstant(),
            (monday.PlusDays(3) + new LocalTime(9, 0)).InZoneLeniently(London).ToInstant());
        return new OnCallRota(
        [
            new OnCallSchedule(
                new SupportGroupId("Network"),
                [
                    new RotaLayer("weekly", new Rotation(["george.li", "farah.aziz"], Period.FromWeeks(1), monday + new LocalTime(9, 0), London)),
                    new RotaLayer(
                        "weekend-days",
                        new Rotation(["wendy.zhang", "xavier.diaz"], Period.FromDays(1), monday + new LocalTime(9, 0), London),
                        [new RotaRestriction(IsoDayOfWeek.Saturday, new LocalTime(9, 0), new LocalTime(17, 0)), new RotaRestriction(IsoDayOfWeek.Sunday, new LocalTime(9, 0), new LocalTime(17, 0))]),
                ],
                [new RotaOverride(wednesdayNight, "omar.haddad")]),
        ]);
    }

    /// <summary>The instants the report asks the rota about: the first Monday 10:00, Wednesday 22:00, Saturday 12:00 and the next Monday 10:00, London time.</summary>
    /// <param name="firstDay">The run's first day.</param>
    /// <returns>The local times.</returns>
    public static LocalDateTime[] OnCallQuestions(LocalDate firstDay)
    {
        var monday = firstDay.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));
        return [monday + new LocalTime(10, 0), monday.PlusDays(2) + new LocalTime(22, 0), monday.PlusDays(5) + new LocalTime(12, 0), monday.PlusDays(7) + new LocalTime(10, 0)];
    }
}

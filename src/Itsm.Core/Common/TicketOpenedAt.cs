using System;
using Itsm.BusinessTime;
using NodaTime;

namespace Itsm.Common;

/// <summary>
/// The checks on a host-given opened instant of a ticket (an incident's or a service request's <c>openedAt</c>):
/// within the range SLA clocks count in, and not after the creating command's instant.
/// </summary>
internal static class TicketOpenedAt
{
    /// <summary>Throws unless <paramref name="openedAt"/> lies in <see cref="BusinessCalendar.MinSupportedInstant"/>..<see cref="BusinessCalendar.MaxSupportedInstant"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside the supported range (the parameter named <paramref name="paramName"/>).</exception>
    internal static void CheckRange(Instant? openedAt, string paramName)
    {
        if (openedAt is { } at && (at < BusinessCalendar.MinSupportedInstant || at > BusinessCalendar.MaxSupportedInstant))
        {
            throw new ArgumentOutOfRangeException(paramName, at, $"The opened instant must be from {BusinessCalendar.MinSupportedInstant} to {BusinessCalendar.MaxSupportedInstant}, the range SLA clocks count in.");
        }
    }

    /// <summary>
    /// The opened instant: <paramref name="openedAt"/> when given, else <paramref name="createdAt"/>; a given one after
    /// <paramref name="createdAt"/> (the creating command's instant) breaks the rule <paramref name="code"/>.
    /// </summary>
    /// <exception cref="DomainRuleViolationException"><paramref name="code"/>: the opened instant is after the creating command's.</exception>
    internal static Instant Resolve(Instant? openedAt, Instant createdAt, string code, string recordName, string command)
    {
        if (openedAt is not { } at)
        {
            return createdAt;
        }

        if (at > createdAt)
        {
            throw new DomainRuleViolationException(code, $"{recordName} cannot be opened at {at}, after the {command} command's instant {createdAt}: the opened instant must be at or before it.");
        }

        return at;
    }
}

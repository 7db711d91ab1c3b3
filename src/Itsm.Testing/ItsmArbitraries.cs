using FsCheck;
using FsCheck.Fluent;
using Itsm.BusinessTime;
using Itsm.Incidents;
using Itsm.Sla;

namespace Itsm.Testing;

/// <summary>
/// FsCheck 3 arbitraries over <see cref="ItsmGenerators"/>, for
/// <c>[Property(Arbitrary = new[] { typeof(ItsmArbitraries) })]</c> (or <c>[Properties(...)]</c> on a class):
/// a property's parameters of these types are then generated as valid values.
/// </summary>
/// <remarks>None of them shrinks: the values are built through constructors that validate them.</remarks>
public static class ItsmArbitraries
{
    /// <summary>Business calendars (<see cref="ItsmGenerators.BusinessCalendars"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<BusinessCalendar> BusinessCalendars() => ItsmGenerators.BusinessCalendars.ToArbitrary();

    /// <summary>Agreements (<see cref="ItsmGenerators.Agreements"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Agreement> Agreements() => ItsmGenerators.Agreements.ToArbitrary();

    /// <summary>Incidents after random command sequences (<see cref="ItsmGenerators.Incidents"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Incident> Incidents() => ItsmGenerators.Incidents.ToArbitrary();

    /// <summary>Incident histories (<see cref="ItsmGenerators.IncidentScenarios"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<IncidentScenario> IncidentScenarios() => ItsmGenerators.IncidentScenarios.ToArbitrary();

    /// <summary>Single incident commands (<see cref="ItsmGenerators.IncidentCommandSteps"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<IncidentCommandStep> IncidentCommandSteps() => ItsmGenerators.IncidentCommandSteps.ToArbitrary();

    /// <summary>Incident command sequences (<see cref="ItsmGenerators.IncidentCommandSequences"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<IncidentCommandStep[]> IncidentCommandSequences() => ItsmGenerators.IncidentCommandSequences.ToArbitrary();
}

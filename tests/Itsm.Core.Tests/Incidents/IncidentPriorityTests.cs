using System.Collections.Generic;
using System.Linq;
using Itsm.Core.Tests.Common;
using Itsm.Common;
using Itsm.Incidents;
using static Itsm.Core.Tests.Incidents.IncidentFixtures;

namespace Itsm.Core.Tests.Incidents;

/// <summary>An incident's priority: derived from impact and urgency by <see cref="IncidentOptions.PriorityMatrix"/>.</summary>
public sealed class IncidentPriorityTests
{
    /// <summary>All nine cells of the default matrix (ServiceNow's 3x3).</summary>
    public static TheoryData<Impact, Urgency, int, string> DefaultCells() => new()
    {
        { Impact.High, Urgency.High, 1, "Critical" },
        { Impact.High, Urgency.Medium, 2, "High" },
        { Impact.High, Urgency.Low, 3, "Moderate" },
        { Impact.Medium, Urgency.High, 2, "High" },
        { Impact.Medium, Urgency.Medium, 3, "Moderate" },
        { Impact.Medium, Urgency.Low, 4, "Low" },
        { Impact.Low, Urgency.High, 3, "Moderate" },
        { Impact.Low, Urgency.Medium, 4, "Low" },
        { Impact.Low, Urgency.Low, 4, "Low" },
    };

    /// <summary>The default matrix, except that 3/3 is 5 Planning.</summary>
    private static PriorityMatrix WithPlanning { get; } = new(new Dictionary<(Impact, Urgency), Priority>
    {
        [(Impact.High, Urgency.High)] = Priority.Critical,
        [(Impact.High, Urgency.Medium)] = Priority.High,
        [(Impact.High, Urgency.Low)] = Priority.Moderate,
        [(Impact.Medium, Urgency.High)] = Priority.High,
        [(Impact.Medium, Urgency.Medium)] = Priority.Moderate,
        [(Impact.Medium, Urgency.Low)] = Priority.Low,
        [(Impact.Low, Urgency.High)] = Priority.Moderate,
        [(Impact.Low, Urgency.Medium)] = Priority.Low,
        [(Impact.Low, Urgency.Low)] = Priority.Planning,
    });

    [Theory]
    [MemberData(nameof(DefaultCells))]
    public void Open_WithTheDefaultOptions_DerivesServiceNowsPriority(Impact impact, Urgency urgency, int priority, string name)
    {
        var incident = Open(NewClock(), impact, urgency);

        Assert.Equal(new Priority(priority), incident.Priority);
        Assert.Equal(name, incident.Priority.Name);
        Assert.Equal(priority.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(incident.UncommittedAuditEntries).Data["priority"]);
    }

    [Theory]
    [MemberData(nameof(DefaultCells))]
    public void ChangeImpactOrUrgency_WithTheDefaultOptions_DerivesServiceNowsPriority(Impact impact, Urgency urgency, int priority, string name)
    {
        // Start from a cell that differs in both dimensions, so every target cell is a change.
        var incident = InState(IncidentState.InProgress, NewClock());
        if (incident.Impact == impact || incident.Urgency == urgency)
        {
            incident.ChangeImpactOrUrgency(Agent, impact == Impact.High ? Impact.Low : Impact.High, urgency == Urgency.High ? Urgency.Low : Urgency.High);
        }

        incident.ChangeImpactOrUrgency(Agent, impact, urgency);

        Assert.Equal(new Priority(priority), incident.Priority);
        Assert.Equal(name, incident.Priority.Name);
        Assert.Equal(priority, incident.ToTicketSnapshot().Priority.Value);
    }

    /// <summary>The matrix of <see cref="PriorityTests.AsymmetricCells"/>: no two rows, columns or mirrored cells alike.</summary>
    private static PriorityMatrix Asymmetric { get; } = new(
        PriorityTests.AsymmetricCells().ToDictionary(row => ((Impact)row[0], (Urgency)row[1]), row => new Priority((int)row[2])));

    [Theory]
    [MemberData(nameof(PriorityTests.AsymmetricCells), MemberType = typeof(PriorityTests))]
    public void Open_WithAnAsymmetricMatrix_DerivesThatCell(Impact impact, Urgency urgency, int priority)
    {
        var incident = Open(NewClock(), impact, urgency, new IncidentOptions { PriorityMatrix = Asymmetric });

        Assert.Equal(new Priority(priority), incident.Priority);
        Assert.Equal(priority.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(incident.UncommittedAuditEntries).Data["priority"]);
    }

    [Theory]
    [MemberData(nameof(PriorityTests.AsymmetricCells), MemberType = typeof(PriorityTests))]
    public void ChangeImpactOrUrgency_WithAnAsymmetricMatrix_DerivesThatCell(Impact impact, Urgency urgency, int priority)
    {
        // Opened in the mirror cell (or a corner for the diagonal), so every change moves to another cell.
        var from = ((Impact)(int)urgency, (Urgency)(int)impact);
        if (from == (impact, urgency))
        {
            from = impact == Impact.High ? (Impact.Low, Urgency.Low) : (Impact.High, Urgency.High);
        }

        var incident = Open(NewClock(), from.Item1, from.Item2, new IncidentOptions { PriorityMatrix = Asymmetric });

        incident.ChangeImpactOrUrgency(Agent, impact, urgency);

        Assert.Equal(new Priority(priority), incident.Priority);
        Assert.Equal(priority.ToString(System.Globalization.CultureInfo.InvariantCulture), incident.UncommittedAuditEntries[^1].Data["priority"]);
    }

    [Fact]
    public void Open_WithACustomMatrix_CanDerivePlanning()
    {
        var incident = Open(NewClock(), Impact.Low, Urgency.Low, new IncidentOptions { PriorityMatrix = WithPlanning });

        Assert.Equal(Priority.Planning, incident.Priority);
        Assert.Equal("5 - Planning", incident.Priority.ToString());
        Assert.Equal("5", Assert.Single(incident.UncommittedAuditEntries).Data["priority"]);
        Assert.Equal("5", incident.ToTicketSnapshot().GetField("priority"));
    }

    [Fact]
    public void ChangeImpactOrUrgency_WithACustomMatrix_AuditsThePreviousAndTheNewPriority()
    {
        var clock = NewClock();
        var incident = Open(clock, Impact.Medium, Urgency.Low, new IncidentOptions { PriorityMatrix = WithPlanning });
        var probe = incident.Probe();

        incident.ChangeImpactOrUrgency(Agent, Impact.Low, Urgency.Low);

        probe.AssertAccepted("ChangeImpactOrUrgency", IncidentState.New, IncidentState.New, Agent, clock.GetCurrentInstant(),
            ("impact", "3"), ("urgency", "3"), ("previousPriority", "4"), ("priority", "5"));
        Assert.Equal(Priority.Planning, incident.Priority);
    }

    [Fact]
    public void ChangeImpactOrUrgency_OutOfPlanning_AuditsPlanningAsThePreviousPriority()
    {
        var clock = NewClock();
        var incident = Open(clock, Impact.Low, Urgency.Low, new IncidentOptions { PriorityMatrix = WithPlanning });
        var probe = incident.Probe();

        incident.ChangeImpactOrUrgency(Agent, Impact.High, Urgency.Low);

        probe.AssertAccepted("ChangeImpactOrUrgency", IncidentState.New, IncidentState.New, Agent, clock.GetCurrentInstant(),
            ("impact", "1"), ("urgency", "3"), ("previousPriority", "5"), ("priority", "3"));
    }

    [Fact]
    public void ADefaultMatrix_NeverDerivesPlanning()
    {
        foreach (var impact in new[] { Impact.High, Impact.Medium, Impact.Low })
        {
            foreach (var urgency in new[] { Urgency.High, Urgency.Medium, Urgency.Low })
            {
                Assert.NotEqual(Priority.Planning, PriorityMatrix.Default.PriorityFor(impact, urgency));
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Improvement;
using static Itsm.Improvement.AdoptionPractices;

namespace Itsm.Core.Tests.Improvement;

/// <summary>The adoption assessment: levels and their validation, gaps, the value order and the phased roadmap with its KPIs.</summary>
public sealed class AdoptionAssessmentTests
{
    private static AdoptionAssessment Sample() => new(
    [
        new AdoptionCapability(ProblemManagement, 1, 3),
        new AdoptionCapability(ServiceLevelManagement, 2, 2),
        new AdoptionCapability(ChangeEnablement, 2, 4),
        new AdoptionCapability("release management", 1, 2),
        new AdoptionCapability(IncidentManagement, 2, 4),
        new AdoptionCapability(AdoptionPractices.ServiceDesk, 3, 4),
    ]);

    [Fact]
    public void Capability_HoldsItsLevelsAndGap()
    {
        var capability = new AdoptionCapability(IncidentManagement, 2, 4);

        Assert.Equal((IncidentManagement, 2, 4, 2), (capability.Practice, capability.Current, capability.Target, capability.Gap));
        Assert.Equal(new AdoptionCapability(IncidentManagement, 2, 4), capability);
        Assert.Equal("incident management: 2 -> 4 (gap 2)", capability.ToString());
        Assert.Equal(0, new AdoptionCapability(AdoptionPractices.ServiceDesk, 5, 5).Gap);
    }

    [Theory]
    [InlineData(0, 3, "current")]
    [InlineData(6, 6, "current")]
    [InlineData(1, 0, "target")]
    [InlineData(1, 6, "target")]
    public void Capability_LevelsOutside1To5_AreRefused(int current, int target, string parameter)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new AdoptionCapability(IncidentManagement, current, target));

        Assert.Equal(parameter, ex.ParamName);
    }

    [Fact]
    public void Capability_ATargetBelowTheCurrentLevel_IsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new AdoptionCapability(IncidentManagement, 4, 3));

        Assert.Equal("target", ex.ParamName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Capability_ABlankPractice_IsRefused(string? practice)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => new AdoptionCapability(practice!, 1, 2));

        Assert.Equal("practice", ex.ParamName);
    }

    [Fact]
    public void Capabilities_AreInTheDefaultValueOrder_IncidentManagementFirst_UnlistedPracticesLastByName()
    {
        var assessment = Sample();

        Assert.Equal(
            [IncidentManagement, AdoptionPractices.ServiceDesk, ChangeEnablement, ProblemManagement, ServiceLevelManagement, "release management"],
            assessment.Capabilities.Select(c => c.Practice));
        Assert.Equal(DefaultValueOrder, assessment.ValueOrder);
        Assert.Equal(IncidentManagement, DefaultValueOrder[0]);
    }

    [Fact]
    public void Gaps_AreThePracticesBelowTheirTarget_InValueOrder()
    {
        var assessment = Sample();

        Assert.Equal(
            [IncidentManagement, AdoptionPractices.ServiceDesk, ChangeEnablement, ProblemManagement, "release management"],
            assessment.Gaps.Select(c => c.Practice));
        Assert.Equal(2 + 1 + 2 + 2 + 1, assessment.TotalGap);
        Assert.Equal(3, assessment.Find("Problem Management")!.Target);
        Assert.Null(assessment.Find("knowledge management"));
    }

    [Fact]
    public void ACustomValueOrder_DecidesTheOrder()
    {
        var assessment = new AdoptionAssessment(
            [new AdoptionCapability(IncidentManagement, 1, 2), new AdoptionCapability(ChangeEnablement, 1, 2), new AdoptionCapability("zeta", 1, 2), new AdoptionCapability("Alpha", 1, 2)],
            [ChangeEnablement, IncidentManagement]);

        Assert.Equal([ChangeEnablement, IncidentManagement, "Alpha", "zeta"], assessment.Gaps.Select(c => c.Practice));
    }

    [Fact]
    public void PlanRoadmap_ChunksTheGapsInValueOrder_AndListsEachPhasesKpis()
    {
        var roadmap = Sample().PlanRoadmap(practicesPerPhase: 2);

        Assert.Equal([1, 2, 3], roadmap.Phases.Select(p => p.Number));
        Assert.Equal([IncidentManagement, AdoptionPractices.ServiceDesk], roadmap.Phases[0].Practices.Select(p => p.Practice));
        Assert.Equal([ChangeEnablement, ProblemManagement], roadmap.Phases[1].Practices.Select(p => p.Practice));
        Assert.Equal(["release management"], roadmap.Phases[2].Practices.Select(p => p.Practice));
        Assert.Equal(
            ["MeanTimeToAcknowledge", "MeanTimeToResolve", "ReopenRate", "Backlog", "MajorIncidents", "FirstContactResolutionRate"],
            roadmap.Phases[0].Kpis);
        Assert.Equal(["ChangeSuccessRate", "EmergencyChangeRatio", "ChangesCausingIncidents", "ProblemsWithKnownErrors", "IncidentsOpened"], roadmap.Phases[1].Kpis);
        Assert.Empty(roadmap.Phases[2].Kpis);
        Assert.Equal("Phase 1: incident management, service desk", roadmap.Phases[0].ToString());
    }

    [Fact]
    public void DefaultKpis_AreKpiIdNames()
    {
        var names = Enum.GetNames<KpiId>();

        Assert.All(DefaultKpis.Values.SelectMany(v => v), kpi => Assert.Contains(kpi, names));
        Assert.All(DefaultValueOrder, practice => Assert.True(DefaultKpis.ContainsKey(practice)));
    }

    [Fact]
    public void PlanRoadmap_WithOnePracticePerPhase_AndCustomKpis()
    {
        var kpis = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["release management"] = ["deployments per week"],
        };

        var roadmap = Sample().PlanRoadmap(1, kpis);

        Assert.Equal(5, roadmap.Phases.Count);
        Assert.All(roadmap.Phases, p => Assert.Single(p.Practices));
        Assert.Equal(["deployments per week"], roadmap.Phases[4].Kpis);
        Assert.Empty(roadmap.Phases[0].Kpis);
    }

    [Fact]
    public void PlanRoadmap_WithoutGaps_HasNoPhase()
    {
        var assessment = new AdoptionAssessment([new AdoptionCapability(IncidentManagement, 3, 3)]);

        Assert.Empty(assessment.Gaps);
        Assert.Empty(assessment.PlanRoadmap().Phases);
    }

    [Fact]
    public void PlanRoadmap_NeedsAtLeastOnePracticePerPhase()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Sample().PlanRoadmap(0));

        Assert.Equal("practicesPerPhase", ex.ParamName);
    }

    [Fact]
    public void Assessment_RefusesInvalidInput()
    {
        Assert.Equal("capabilities", Assert.ThrowsAny<ArgumentException>(() => new AdoptionAssessment(null!)).ParamName);
        Assert.Equal("capabilities", Assert.Throws<ArgumentException>(() => new AdoptionAssessment([])).ParamName);
        Assert.Equal("capabilities", Assert.Throws<ArgumentException>(() => new AdoptionAssessment([null!])).ParamName);
        Assert.Equal("capabilities", Assert.Throws<ArgumentException>(() => new AdoptionAssessment(
            [new AdoptionCapability(IncidentManagement, 1, 2), new AdoptionCapability("Incident Management", 2, 3)])).ParamName);
        Assert.Equal("valueOrder", Assert.Throws<ArgumentException>(() => new AdoptionAssessment(
            [new AdoptionCapability(IncidentManagement, 1, 2)], [IncidentManagement, " "])).ParamName);
        Assert.Equal("valueOrder", Assert.Throws<ArgumentException>(() => new AdoptionAssessment(
            [new AdoptionCapability(IncidentManagement, 1, 2)], [IncidentManagement, "INCIDENT MANAGEMENT"])).ParamName);
    }
}

using System;
using System.Collections.Generic;
using Itsm.Common;
using Itsm.Sla;
using NodaTime;
using static Itsm.Core.Tests.Sla.SlaFixtures;

namespace Itsm.Core.Tests.Sla;

/// <summary>Creating an <see cref="Agreement"/>: what it holds, and every problem its validation reports.</summary>
public sealed class AgreementTests
{
    [Fact]
    public void Constructor_AValidDefinition_KeepsEverything()
    {
        var target = ResolutionTarget();
        var scope = new AgreementScope { Services = ["Email"] };

        var agreement = new Agreement("SLA-EMAIL", "E-mail", AgreementKind.ServiceLevelAgreement, scope, [target]);

        Assert.Equal("SLA-EMAIL", agreement.Id);
        Assert.Equal("E-mail", agreement.Name);
        Assert.Equal(AgreementKind.ServiceLevelAgreement, agreement.Kind);
        Assert.Same(scope, agreement.Scope);
        Assert.Same(target, Assert.Single(agreement.Targets));
        Assert.Equal("SLA-EMAIL (E-mail)", agreement.ToString());
    }

    [Fact]
    public void TargetFor_FindsTheTargetByMetricName()
    {
        var response = ResolutionTarget() with { Metric = SlaMetric.Response };
        var callback = ResolutionTarget() with { Metric = new SlaMetric("FirstCallback") };
        var agreement = new Agreement("SLA-1", "Gold", AgreementKind.ServiceLevelAgreement, AgreementScope.Everything, [response, callback]);

        Assert.Same(response, agreement.TargetFor(SlaMetric.Response));
        Assert.Same(callback, agreement.TargetFor(new SlaMetric("FirstCallback")));
        Assert.Null(agreement.TargetFor(SlaMetric.Resolution));
    }

    [Fact]
    public void SlaTarget_Defaults_AreFiftyAndSeventyFivePercent_Retarget_AndNoRetroactivePauses()
    {
        var target = new SlaTarget
        {
            Metric = SlaMetric.Resolution,
            Durations = ResolutionDurations,
            Conditions = new SlaConditions { Start = SlaCondition.Always, Stop = SlaCondition.Never },
        };

        Assert.Equal(new[] { 50.0, 75.0 }, target.WarningThresholds);
        Assert.Equal(PriorityChangePolicy.Retarget, target.PriorityChangePolicy);
        Assert.False(target.RetroactivePauses);
        Assert.Null(target.CalendarId);
        Assert.Same(SlaCondition.Never, target.Conditions.Pause);
        Assert.Same(SlaCondition.Never, target.Conditions.Cancel);
        Assert.Same(SlaCondition.Never, target.Conditions.Reset);
        Assert.Null(target.Conditions.Resume);
        Assert.Equal(Hours(4), target.DurationFor(P1));
        Assert.Null(target.DurationFor(P5));
    }

    [Fact]
    public void SlaMetric_ComparesByName()
    {
        Assert.Equal(SlaMetric.Resolution, new SlaMetric("Resolution"));
        Assert.NotEqual(SlaMetric.Resolution, new SlaMetric("resolution"));
        Assert.Equal("Response", SlaMetric.Response.ToString());
        Assert.Throws<ArgumentException>(() => new SlaMetric(" "));
    }

    [Fact]
    public void Constructor_EverythingWrongAtTheTop_ListsEveryProblem()
    {
        var ex = Assert.Throws<SlaDefinitionException>(() => new Agreement(" ", null!, (AgreementKind)7, null!, null!));

        Assert.Equal(
            new[]
            {
                "id: must not be empty.",
                "name: must not be null.",
                "kind: 7 is not an agreement kind.",
                "scope: must not be null (use AgreementScope.Everything).",
                "targets: an agreement needs at least one target.",
            },
            ex.Errors);
        Assert.Equal(
            "Invalid agreement (5 problems):" + Environment.NewLine
            + "- id: must not be empty." + Environment.NewLine
            + "- name: must not be null." + Environment.NewLine
            + "- kind: 7 is not an agreement kind." + Environment.NewLine
            + "- scope: must not be null (use AgreementScope.Everything)." + Environment.NewLine
            + "- targets: an agreement needs at least one target.",
            ex.Message);
        Assert.Null(ex.ParamName);
        Assert.Equal("ITSM-SLA-DEF-001", ex.Code);
        Assert.Equal(SlaDefinitionException.ErrorCode, ex.Code);
    }

    [Fact]
    public void Constructor_NoTargets_Throws()
    {
        var ex = Assert.Throws<SlaDefinitionException>(() => new Agreement("SLA-1", "Gold", AgreementKind.ServiceLevelAgreement, AgreementScope.Everything, []));

        Assert.Equal("Invalid agreement: targets: an agreement needs at least one target.", ex.Message);
    }

    [Fact]
    public void Constructor_AScopeWithANullList_Throws()
    {
        var scope = new AgreementScope { Services = null! };

        var ex = Assert.Throws<SlaDefinitionException>(() => new Agreement("SLA-1", "Gold", AgreementKind.ServiceLevelAgreement, scope, [ResolutionTarget()]));

        Assert.Equal(new[] { "scope: its lists must not be null (use empty lists for no restriction)." }, ex.Errors);
    }

    [Fact]
    public void Constructor_EverythingWrongInATarget_ListsEveryProblemWithItsIndex()
    {
        var bad = new SlaTarget
        {
            Metric = default,
            Durations = new Dictionary<Priority, Duration> { [P1] = Duration.Zero, [P2] = -Hours(1), [P3] = Hours(1) },
            CalendarId = " ",
            WarningThresholds = [0.0, 50.0, 1000.5, double.NaN],
            Conditions = new SlaConditions { Start = SlaCondition.Always, Stop = null! },
            PriorityChangePolicy = (PriorityChangePolicy)9,
        };

        var ex = Assert.Throws<SlaDefinitionException>(() => new Agreement("SLA-1", "Gold", AgreementKind.ServiceLevelAgreement, AgreementScope.Everything, [ResolutionTarget(), bad]));

        Assert.Equal(
            new[]
            {
                "targets[1].metric: must be set.",
                "targets[1].durations: the target for priority 1 must be positive, not 0:00:00:00.",
                "targets[1].durations: the target for priority 2 must be positive, not -0:01:00:00.",
                "targets[1].warningThresholds: 0 is not a percentage above 0 and at most 1000.",
                "targets[1].warningThresholds: 1000.5 is not a percentage above 0 and at most 1000.",
                "targets[1].warningThresholds: NaN is not a percentage above 0 and at most 1000.",
                "targets[1].calendar: must not be blank (omit it for 24x7).",
                "targets[1].conditions: start and stop are required, and pause, cancel and reset must not be null.",
                "targets[1].priorityChange: 9 is not a policy.",
            },
            ex.Errors);
    }

    [Fact]
    public void Constructor_ANullTarget_Throws()
    {
        var ex = Assert.Throws<SlaDefinitionException>(() => new Agreement("SLA-1", "Gold", AgreementKind.ServiceLevelAgreement, AgreementScope.Everything, [ResolutionTarget(), null!]));

        Assert.Equal(new[] { "targets[1]: must not be null." }, ex.Errors);
    }

    [Fact]
    public void Constructor_TwoTargetsForOneMetric_Throws()
    {
        var ex = Assert.Throws<SlaDefinitionException>(() => new Agreement("SLA-1", "Gold", AgreementKind.ServiceLevelAgreement, AgreementScope.Everything, [ResolutionTarget(), ResolutionTarget()]));

        Assert.Equal(new[] { "targets[1].metric: 'Resolution' appears more than once; an agreement has one target per metric." }, ex.Errors);
    }

    [Fact]
    public void Constructor_ATargetWithoutDurations_Throws()
    {
        var target = ResolutionTarget() with { Durations = new Dictionary<Priority, Duration>() };

        var ex = Assert.Throws<SlaDefinitionException>(() => AgreementOf(target));

        Assert.Equal(new[] { "targets[0].durations: give a target duration for at least one priority." }, ex.Errors);
    }

    [Fact]
    public void Constructor_NullThresholdsOrANullCondition_Throws()
    {
        var target = ResolutionTarget() with { WarningThresholds = null!, Conditions = IncidentConditions with { Reset = null! } };

        var ex = Assert.Throws<SlaDefinitionException>(() => AgreementOf(target));

        Assert.Equal(
            new[]
            {
                "targets[0].warningThresholds: must not be null (use an empty list for no warnings).",
                "targets[0].conditions: start and stop are required, and pause, cancel and reset must not be null.",
            },
            ex.Errors);
    }

    [Fact]
    public void Constructor_AnInvalidPriorityKey_Throws()
    {
        var target = ResolutionTarget() with { Durations = new Dictionary<Priority, Duration> { [default] = Hours(1) } };

        var ex = Assert.Throws<SlaDefinitionException>(() => AgreementOf(target));

        Assert.Equal(new[] { "targets[0].durations: 0 is not a priority (1 to 5)." }, ex.Errors);
    }

    [Fact]
    public void SlaDefinitionException_IsAnArgumentException()
    {
        Assert.IsAssignableFrom<ArgumentException>(new SlaDefinitionException(["x"], "json"));
        Assert.Equal("Invalid agreement: x (Parameter 'json')", new SlaDefinitionException(["x"], "json").Message);
    }
}

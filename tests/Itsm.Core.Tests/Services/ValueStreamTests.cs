using System;
using System.Linq;
using Itsm.Common;
using Itsm.Services;
using Xunit;

namespace Itsm.Core.Tests.Services;

public sealed class ValueStreamTests
{
    [Fact]
    public void ValueStream_KeepsItsStepsInOrder()
    {
        var stream = new ValueStream("Onboard a user",
        [
            new("Request access", ValueChainActivity.Engage, Practices.ServiceDesk),
            new("Fulfil", ValueChainActivity.DeliverAndSupport, Practices.ServiceRequestManagement, Practices.ServiceDesk),
        ]);

        Assert.Equal(["Request access", "Fulfil"], stream.Steps.Select(s => s.Name));
        Assert.Equal([ValueChainActivity.Engage, ValueChainActivity.DeliverAndSupport], stream.Activities);
        Assert.Equal([Practices.ServiceDesk, Practices.ServiceRequestManagement], stream.Practices);
    }

    [Fact]
    public void ValueStream_WithoutSteps_IsRejected()
    {
        var ex = Assert.Throws<DomainRuleViolationException>(() => new ValueStream("Empty", []));

        Assert.Equal(ValueStream.InvalidCode, ex.Code);
        Assert.Equal("Invalid value stream 'Empty': steps: a value stream needs at least one step.", ex.Message);
    }

    [Fact]
    public void ValueStream_WithDuplicateStepsAndNoName_ListsEveryProblem()
    {
        var step = new ValueStreamStep("Deploy", ValueChainActivity.DesignAndTransition, Practices.DeploymentManagement);
        var again = new ValueStreamStep("deploy", ValueChainActivity.DeliverAndSupport, Practices.DeploymentManagement);

        var ex = Assert.Throws<DomainRuleViolationException>(() => new ValueStream(" ", [step, null!, again]));

        string nl = Environment.NewLine;
        Assert.Equal(
            "Invalid value stream (3 problems):" + nl +
            "- name: must not be empty." + nl +
            "- steps[1]: must not be null." + nl +
            "- steps[2]: the step name 'deploy' appears more than once.",
            ex.Message);
    }

    [Fact]
    public void ValueStreamStep_RejectsBadInputNamingTheParameter()
    {
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => new ValueStreamStep("", ValueChainActivity.Plan, "x")).ParamName);
        Assert.Equal("practices", Assert.Throws<ArgumentException>(() => new ValueStreamStep("a", ValueChainActivity.Plan)).ParamName);
        Assert.Equal("practices", Assert.Throws<ArgumentException>(() => new ValueStreamStep("a", ValueChainActivity.Plan, " ")).ParamName);
        Assert.Equal("activity", Assert.Throws<ArgumentOutOfRangeException>(() => new ValueStreamStep("a", (ValueChainActivity)9, "x")).ParamName);
    }

    [Fact]
    public void RestoreService_IsTheIncidentStream()
    {
        var stream = ValueStream.RestoreService;

        Assert.Equal("Restore a service", stream.Name);
        Assert.Equal(6, stream.Steps.Count);
        Assert.Equal([ValueChainActivity.Engage, ValueChainActivity.DeliverAndSupport, ValueChainActivity.Improve], stream.Activities);
        Assert.Contains(Practices.IncidentManagement, stream.Practices);
        Assert.Equal("Restore the service", stream.Steps[3].Name);
        Assert.Equal([Practices.IncidentManagement], stream.Steps[3].Practices);
    }

    [Fact]
    public void DeployChange_IsTheChangeStream()
    {
        var stream = ValueStream.DeployChange;

        Assert.Equal("Deploy a change", stream.Name);
        Assert.Equal(
            [ValueChainActivity.Plan, ValueChainActivity.DesignAndTransition, ValueChainActivity.ObtainBuild, ValueChainActivity.DeliverAndSupport, ValueChainActivity.Improve],
            stream.Activities);
        Assert.Equal(Practices.ChangeEnablement, stream.Practices[0]);
        Assert.Equal(stream.Steps.Count, stream.Steps.Select(s => s.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}

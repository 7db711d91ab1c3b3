using System;
using Itsm.Sla;
using static Itsm.Core.Tests.Sla.SlaFixtures;

namespace Itsm.Core.Tests.Sla;

/// <summary>What <see cref="SlaCondition"/>s and <see cref="AgreementScope"/>s see of a <see cref="TicketSnapshot"/>.</summary>
public sealed class SlaConditionTests
{
    private static readonly TicketSnapshot OnHold = Ticket("OnHold", P2, onHoldReason: "AwaitingCaller", group: "Network", service: "Email", supplier: "Contoso")
        .WithAttribute("vip", "yes") with { Caller = "caller.jones" };

    [Fact]
    public void StateIn_HoldsForTheListedStatesOnly_ComparingOrdinally()
    {
        Assert.True(SlaCondition.StateIn("New", "OnHold").IsMetBy(OnHold));
        Assert.False(SlaCondition.StateIn("New").IsMetBy(OnHold));
        Assert.False(SlaCondition.StateIn("onhold").IsMetBy(OnHold));
    }

    [Fact]
    public void PriorityIn_ComparesThePriorityNumber()
    {
        Assert.True(SlaCondition.PriorityIn(P1, P2).IsMetBy(OnHold));
        Assert.False(SlaCondition.PriorityIn(P1).IsMetBy(OnHold));
        Assert.True(SlaCondition.FieldIn("priority", ["2"]).IsMetBy(OnHold));
    }

    [Fact]
    public void OnHoldReasonIn_HoldsForTheListedReasons()
    {
        Assert.True(SlaCondition.OnHoldReasonIn("AwaitingCaller").IsMetBy(OnHold));
        Assert.False(SlaCondition.OnHoldReasonIn("AwaitingVendor").IsMetBy(OnHold));
    }

    [Theory]
    [InlineData("service", "Email")]
    [InlineData("assignmentGroup", "Network")]
    [InlineData("supplier", "Contoso")]
    [InlineData("caller", "caller.jones")]
    [InlineData("attributes.vip", "yes")]
    public void FieldIn_ReadsTheNamedField(string field, string value)
    {
        Assert.True(SlaCondition.FieldIn(field, [value]).IsMetBy(OnHold));
        Assert.False(SlaCondition.FieldIn(field, ["other"]).IsMetBy(OnHold));
    }

    [Theory]
    [InlineData("offering")]
    [InlineData("attributes.missing")]
    public void FieldIn_OnAFieldWithoutAValue_MatchesNothing(string field)
    {
        Assert.False(SlaCondition.FieldIn(field, ["", "null", "Email"]).IsMetBy(OnHold));
        Assert.True(SlaCondition.Not(SlaCondition.FieldIn(field, ["Email"])).IsMetBy(OnHold));
    }

    [Fact]
    public void OnHoldReasonIn_WithoutAReason_MatchesNothing()
    {
        Assert.False(SlaCondition.OnHoldReasonIn("AwaitingCaller").IsMetBy(Ticket("InProgress")));
    }

    [Fact]
    public void AllOfNone_IsTrue_AndAnyOfNone_IsFalse()
    {
        Assert.True(SlaCondition.All().IsMetBy(OnHold));
        Assert.False(SlaCondition.Any().IsMetBy(OnHold));
    }

    [Fact]
    public void AllAndAny_CombineTheirConditions()
    {
        var yes = SlaCondition.Always;
        var no = SlaCondition.Never;

        Assert.True(SlaCondition.All(yes, yes).IsMetBy(OnHold));
        Assert.False(SlaCondition.All(yes, no).IsMetBy(OnHold));
        Assert.True(SlaCondition.Any(no, yes).IsMetBy(OnHold));
        Assert.False(SlaCondition.Any(no, no).IsMetBy(OnHold));
        Assert.False(SlaCondition.Not(yes).IsMetBy(OnHold));
        Assert.True(SlaCondition.Not(no).IsMetBy(OnHold));
    }

    [Fact]
    public void Predicate_IsEvaluatedAndIsNotDeclarative()
    {
        var vip = SlaCondition.Predicate(s => s.Attributes.ContainsKey("vip"), "the caller is a VIP");

        Assert.True(vip.IsMetBy(OnHold));
        Assert.False(vip.IsMetBy(Ticket("New")));
        Assert.False(vip.IsDeclarative);
        Assert.False(SlaCondition.All(SlaCondition.Always, SlaCondition.Not(vip)).IsDeclarative);
        Assert.True(SlaCondition.All(SlaCondition.Always, SlaCondition.StateIn("New")).IsDeclarative);
        Assert.Equal("the caller is a VIP", vip.ToString());
    }

    [Fact]
    public void ToString_DescribesTheCondition()
    {
        var condition = SlaCondition.All(SlaCondition.StateIn("OnHold"), SlaCondition.Not(SlaCondition.OnHoldReasonIn("A", "B")), SlaCondition.Any(), SlaCondition.Always, SlaCondition.Never);

        Assert.Equal("all(state in [OnHold], not(onHoldReason in [A, B]), any(), always, never)", condition.ToString());
    }

    [Theory]
    [InlineData("colour")]
    [InlineData("attributes.")]
    [InlineData("State")]
    public void FieldIn_AnUnknownField_Throws(string field)
    {
        var ex = Assert.Throws<ArgumentException>(() => SlaCondition.FieldIn(field, ["x"]));

        Assert.Equal("field", ex.ParamName);
        Assert.Equal(
            $"'{field}' is not a field (expected state, workflowState, priority, caller, onHoldReason, service, offering, assignmentGroup, supplier, configurationItem or attributes.<name>). (Parameter 'field')",
            ex.Message);
    }

    [Fact]
    public void FieldIn_NoValues_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => SlaCondition.FieldIn("state", []));

        Assert.Equal("values", ex.ParamName);
    }

    [Fact]
    public void FieldIn_ANullValue_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => SlaCondition.FieldIn("state", ["New", null!]));

        Assert.Equal("A value is null. (Parameter 'values')", ex.Message);
    }

    [Fact]
    public void AllAndAny_ANullCondition_Throws()
    {
        Assert.Equal("A condition is null. (Parameter 'conditions')", Assert.Throws<ArgumentException>(() => SlaCondition.All(SlaCondition.Always, null!)).Message);
        Assert.Equal("A condition is null. (Parameter 'conditions')", Assert.Throws<ArgumentException>(() => SlaCondition.Any(SlaCondition.Never, null!)).Message);
        Assert.Equal("conditions", Assert.Throws<ArgumentNullException>(() => SlaCondition.Any(null!)).ParamName);
        Assert.Equal("condition", Assert.Throws<ArgumentNullException>(() => SlaCondition.Not(null!)).ParamName);
    }

    [Fact]
    public void GetField_ReadsEveryNamedField()
    {
        var snapshot = OnHold with { Offering = "Email Gold" };

        Assert.Equal("OnHold", snapshot.GetField("state"));
        Assert.Equal("2", snapshot.GetField("priority"));
        Assert.Equal("AwaitingCaller", snapshot.GetField("onHoldReason"));
        Assert.Equal("Email", snapshot.GetField("service"));
        Assert.Equal("Email Gold", snapshot.GetField("offering"));
        Assert.Equal("Network", snapshot.GetField("assignmentGroup"));
        Assert.Equal("Contoso", snapshot.GetField("supplier"));
        Assert.Equal("yes", snapshot.GetField("attributes.vip"));
        Assert.Null(snapshot.GetField("attributes.missing"));
        Assert.Null(snapshot.GetField("unknown"));
    }

    [Fact]
    public void Scope_Everything_CoversEveryTicket()
    {
        Assert.True(AgreementScope.Everything.Covers(Ticket("New", P5)));
    }

    [Fact]
    public void Scope_EveryNonEmptyListMustMatch()
    {
        var scope = new AgreementScope { Services = ["Email", "Web"], AssignmentGroups = ["Network"], Priorities = [P1, P2] };

        Assert.True(scope.Covers(OnHold));
        Assert.False(scope.Covers(OnHold with { Service = "Print" }));
        Assert.False(scope.Covers(OnHold with { Service = null }));
        Assert.False(scope.Covers(OnHold with { AssignmentGroup = "ServiceDesk" }));
        Assert.False(scope.Covers(OnHold with { Priority = P3 }));
        Assert.True(new AgreementScope { Offerings = ["Email Gold"] }.Covers(OnHold with { Offering = "Email Gold" }));
        Assert.False(new AgreementScope { Offerings = ["Email Gold"] }.Covers(OnHold));
        Assert.False(new AgreementScope { Suppliers = ["Fabrikam"] }.Covers(OnHold));
    }

    [Fact]
    public void Scope_ComparesOrdinally()
    {
        Assert.False(new AgreementScope { Services = ["email"] }.Covers(OnHold));
    }
}

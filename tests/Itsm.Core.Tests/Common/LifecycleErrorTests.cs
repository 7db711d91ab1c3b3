using System;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Requests;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Tests.Common;

/// <summary>
/// <see cref="InvalidTransitionException"/> (state, trigger, permitted triggers; a terminal and a
/// non-terminal message) and <see cref="DomainRuleViolationException"/> (a stable code).
/// </summary>
public sealed class LifecycleErrorTests
{
    [Fact]
    public void InvalidTransition_InANonTerminalState_ListsThePermittedCommands()
    {
        var ex = new InvalidTransitionException("Incident", "Resolved", "Cancel", ["Reopen", "Close"]);

        Assert.Equal("Incident in state Resolved cannot Cancel; it permits: Reopen, Close.", ex.Message);
        Assert.Equal("Incident", ex.RecordType);
        Assert.Equal("Resolved", ex.State);
        Assert.Equal("Cancel", ex.Trigger);
        Assert.Equal(["Reopen", "Close"], ex.PermittedTriggers);
        Assert.Equal("ITSM-LC-TRANSITION-001", ex.Code);
        Assert.Equal("ITSM-LC-TRANSITION-001", InvalidTransitionException.ErrorCode);
        Assert.IsAssignableFrom<InvalidOperationException>(ex);
    }

    [Fact]
    public void InvalidTransition_InATerminalState_SaysTheStateIsTerminal()
    {
        var ex = new InvalidTransitionException("ServiceRequest", "Closed", "Cancel", []);

        Assert.Equal("ServiceRequest in state Closed cannot Cancel: the state is terminal and permits no command.", ex.Message);
        Assert.Empty(ex.PermittedTriggers);
    }

    [Fact]
    public void InvalidTransition_WithNullPermittedTriggers_IsTreatedAsTerminal()
    {
        var ex = new InvalidTransitionException("Incident", "Closed", "Reopen", null!);

        Assert.Empty(ex.PermittedTriggers);
        Assert.Equal("Incident in state Closed cannot Reopen: the state is terminal and permits no command.", ex.Message);
    }

    [Fact]
    public void InvalidTransition_FromARealIncident_UsesTheTerminalMessageOnlyInATerminalState()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 30, 9, 0));
        var agent = new Actor("agent.smith");
        var open = Incident.Open(new TenantId("acme"), IncidentId.New(), agent, "caller.jones", "x", Impact.Low, Urgency.Low, clock);
        var canceled = Incident.Open(new TenantId("acme"), IncidentId.New(), agent, "caller.jones", "x", Impact.Low, Urgency.Low, clock);
        canceled.Cancel(agent, "Duplicate.");

        var nonTerminal = Assert.Throws<InvalidTransitionException>(() => open.Reopen(new Actor("caller.jones"), "x"));
        var terminal = Assert.Throws<InvalidTransitionException>(() => canceled.Reopen(new Actor("caller.jones"), "x"));

        Assert.StartsWith("Incident in state New cannot Reopen; it permits: Assign, ", nonTerminal.Message, StringComparison.Ordinal);
        Assert.Equal("Incident in state Canceled cannot Reopen: the state is terminal and permits no command.", terminal.Message);
    }

    [Fact]
    public void InvalidTransition_FromARealRequest_NamesTheRecordType()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 30, 9, 0));
        var request = ServiceRequest.Submit(new TenantId("acme"), ServiceRequestId.New(), new Actor("caller.jones"), new CatalogItem("mouse", false), clock);

        var ex = Assert.Throws<InvalidTransitionException>(() => request.Close(new Actor("tech.green")));

        Assert.Equal("ServiceRequest", ex.RecordType);
        Assert.Equal("ServiceRequest in state Submitted cannot Close; it permits: RequestApproval, StartFulfilment, Cancel, SlaThreshold, Assign, Unassign, ChangeService, AddConfigurationItem, RemoveConfigurationItem, AssignToSupplier, AddWorkNote, AddComment, LogTime.", ex.Message);
    }

    [Fact]
    public void DomainRuleViolation_KeepsItsCodeAndMessage()
    {
        var ex = new DomainRuleViolationException("ITSM-INC-HOLD-001", "A comment is needed.");

        Assert.Equal("ITSM-INC-HOLD-001", ex.Code);
        Assert.Equal("A comment is needed.", ex.Message);
        Assert.IsAssignableFrom<InvalidOperationException>(ex);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void DomainRuleViolation_WithABlankCode_ThrowsNamingCode(string? code)
    {
        Assert.Equal("code", Assert.ThrowsAny<ArgumentException>(() => new DomainRuleViolationException(code!, "x")).ParamName);
    }

    [Fact]
    public void AuditEntry_IsAValueWithEveryFieldOfTheCommand()
    {
        var at = Instant.FromUtc(2026, 11, 30, 9, 0);
        var data = new System.Collections.Generic.Dictionary<string, string> { ["reason"] = "x" };
        var entry = new AuditEntry(new TenantId("acme"), "Incident", "id-1", 3, at, new Actor("a"), "Cancel", "New", "Canceled", data);

        Assert.Equal(entry, entry with { });
        Assert.Equal(3, entry.Version);
        Assert.Equal("Canceled", entry.ToState);
        Assert.Same(data, entry.Data);
    }
}

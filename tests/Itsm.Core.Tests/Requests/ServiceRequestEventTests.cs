using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Requests;
using NodaTime;
using static Itsm.Core.Tests.Requests.ServiceRequestFixtures;

namespace Itsm.Core.Tests.Requests;

/// <summary>
/// The typed events of service requests: each command's audit entry keeps the command name, data keys
/// and value formats the audit log has always stored, and reads back as its event type.
/// </summary>
public sealed class ServiceRequestEventTests
{
    private static Dictionary<string, string> Data(params (string Key, string Value)[] items) => items.ToDictionary(i => i.Key, i => i.Value);

    [Fact]
    public void The_approval_path_writes_the_stored_audit_format_and_reads_as_typed_events()
    {
        var clock = NewClock();
        var request = Submit(clock, Laptop);
        request.RequestApproval(Fulfiller);
        request.Approve(Approver, "Fine.");
        request.Fulfil(Fulfiller, "Laptop handed over.");
        request.Close(Fulfiller);

        var entries = request.UncommittedAuditEntries;
        Assert.Equal(["Submit", "RequestApproval", "Approve", "Fulfil", "Close"], entries.Select(e => e.Command));
        AuditAssert.Data(Data(("item", "laptop-standard"), ("priority", "4")), entries[0].Data);
        AuditAssert.Data(Data(), entries[1].Data);
        AuditAssert.Data(Data(("comment", "Fine.")), entries[2].Data);
        AuditAssert.Data(Data(("notes", "Laptop handed over.")), entries[3].Data);
        AuditAssert.Data(Data(), entries[4].Data);

        Assert.Equal(new ServiceRequestSubmitted("laptop-standard", Priority.Low), AuditAssert.TypedEvent(entries[0], typeof(ServiceRequestSubmitted)));
        Assert.Equal(new ServiceRequestApprovalRequested(), AuditAssert.TypedEvent(entries[1], typeof(ServiceRequestApprovalRequested)));
        Assert.Equal(new ServiceRequestApproved("Fine."), AuditAssert.TypedEvent(entries[2], typeof(ServiceRequestApproved)));
        Assert.Equal(new ServiceRequestFulfilled("Laptop handed over."), AuditAssert.TypedEvent(entries[3], typeof(ServiceRequestFulfilled)));
        Assert.Equal(new ServiceRequestClosed(), AuditAssert.TypedEvent(entries[4], typeof(ServiceRequestClosed)));
    }

    [Fact]
    public void Reject_cancel_start_and_an_approval_without_comment_write_the_stored_audit_format()
    {
        var clock = NewClock();
        var rejected = Submit(clock, Laptop, new Priority(2));
        rejected.RequestApproval(Fulfiller);
        rejected.Reject(Approver, "Not in the budget.");
        var approved = Submit(clock, Laptop);
        approved.RequestApproval(Fulfiller);
        approved.Approve(Approver);
        var canceled = Submit(clock, PasswordReset);
        canceled.StartFulfilment(Fulfiller);
        canceled.Cancel(Requester, "No longer needed.");

        AuditAssert.Data(Data(("item", "laptop-standard"), ("priority", "2")), rejected.UncommittedAuditEntries[0].Data);
        AuditAssert.Data(Data(("reason", "Not in the budget.")), rejected.UncommittedAuditEntries[2].Data);
        AuditAssert.Data(Data(), approved.UncommittedAuditEntries[2].Data);
        AuditAssert.Data(Data(), canceled.UncommittedAuditEntries[1].Data);
        AuditAssert.Data(Data(("reason", "No longer needed.")), canceled.UncommittedAuditEntries[2].Data);

        Assert.Equal(new ServiceRequestSubmitted("laptop-standard", Priority.High), AuditAssert.TypedEvent(rejected.UncommittedAuditEntries[0], typeof(ServiceRequestSubmitted)));
        Assert.Equal(new ServiceRequestRejected("Not in the budget."), AuditAssert.TypedEvent(rejected.UncommittedAuditEntries[2], typeof(ServiceRequestRejected)));
        Assert.Equal(new ServiceRequestApproved(null), AuditAssert.TypedEvent(approved.UncommittedAuditEntries[2], typeof(ServiceRequestApproved)));
        Assert.Equal(new ServiceRequestFulfilmentStarted(), AuditAssert.TypedEvent(canceled.UncommittedAuditEntries[1], typeof(ServiceRequestFulfilmentStarted)));
        Assert.Equal(new ServiceRequestCanceled("No longer needed."), AuditAssert.TypedEvent(canceled.UncommittedAuditEntries[2], typeof(ServiceRequestCanceled)));
    }

    [Theory]
    [InlineData("Submit", "item", null)]
    [InlineData("Submit", "priority", "9")]
    [InlineData("Submit", "priority", "P4")]
    [InlineData("Reject", "reason", null)]
    [InlineData("Fulfil", "notes", null)]
    [InlineData("Cancel", "reason", null)]
    [InlineData("Escalate", "reason", "from a newer version")]
    public void Data_no_event_reads_is_kept_as_an_unrecognized_event(string command, string key, string? value)
    {
        var data = new Dictionary<string, string> { ["item"] = "mouse", ["priority"] = "3", ["reason"] = "r", ["notes"] = "n" };
        if (value is null)
        {
            data.Remove(key);
        }
        else
        {
            data[key] = value;
        }

        var entry = new AuditEntry(Tenant, ServiceRequest.RecordType, ServiceRequestId.New().ToString(), 1, Monday0900, Requester, command, "Submitted", "Submitted", data);

        var read = Assert.IsType<UnrecognizedEvent>(entry.Event);
        Assert.Equal((ServiceRequest.RecordType, command), (read.RecordType, read.CommandName));
        Assert.Same(data, read.Data);
    }

    [Fact]
    public void A_stored_submission_reads_as_its_event()
    {
        var data = new Dictionary<string, string> { ["item"] = "mouse", ["priority"] = "3" };
        var entry = new AuditEntry(Tenant, ServiceRequest.RecordType, ServiceRequestId.New().ToString(), 1, Monday0900, Requester, "Submit", "Submitted", "Submitted", data);

        Assert.Equal(new ServiceRequestSubmitted("mouse", new Priority(3)), entry.Event);
    }
}

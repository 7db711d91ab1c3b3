using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Improvement;
using Itsm.Incidents;
using Itsm.Knowledge;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.ServiceDesk;
using Itsm.ServiceModelRecords;

namespace Itsm.Core.Tests.Common;

/// <summary>Every command of every record type is a type, and every audited command reads as an event type.</summary>
public sealed class CommandCatalogTests
{
    public static TheoryData<Type, Type, string> RecordTypes => new()
    {
        { typeof(Incident), typeof(IncidentCommand), "Open" },
        { typeof(Problem), typeof(ProblemCommand), "Open" },
        { typeof(Change), typeof(ChangeCommand), "Open" },
        { typeof(ServiceRequest), typeof(ServiceRequestCommand), "Submit" },
        { typeof(Interaction), typeof(InteractionCommand), "Log" },
        { typeof(ImprovementItem), typeof(ImprovementItemCommand), "Propose" },
        { typeof(KnowledgeArticle), typeof(KnowledgeArticleCommand), "Create" },
        { typeof(ServiceModelRecord), typeof(ServiceModelRecordCommand), "Create" },
    };

    private static readonly Type[] AllTypes = typeof(ItsmCommand).Assembly.GetTypes();

    [Theory]
    [MemberData(nameof(RecordTypes))]
    public void Every_command_kind_of_a_record_type_has_exactly_one_command_type(Type record, Type kinds, string create)
    {
        var recordCommands = AllTypes.Where(t => !t.IsAbstract && typeof(RecordCommand<>).MakeGenericType(record).IsAssignableFrom(t)).ToList();
        var createCommands = AllTypes.Where(t => !t.IsAbstract && typeof(CreateCommand<>).MakeGenericType(record).IsAssignableFrom(t)).ToList();

        // MigrateWorkflow is no lifecycle trigger (permitted in every state), so it has a command type but no enum value.
        var names = recordCommands.Select(NameOf).Where(n => !(n == "MigrateWorkflow" && record.GetMethod("MigrateWorkflow") is not null)).OrderBy(n => n, StringComparer.Ordinal).ToList();

        // A service request's RecordApproval is ApproveServiceRequest's when the approval leaves the chain waiting.
        Assert.Equal(Enum.GetNames(kinds).Where(n => !(kinds == typeof(ServiceRequestCommand) && n == nameof(ServiceRequestCommand.RecordApproval))).OrderBy(n => n, StringComparer.Ordinal), names);
        Assert.Equal([create], createCommands.Select(NameOf));
    }

    [Theory]
    [MemberData(nameof(RecordTypes))]
    public void Every_audited_command_of_a_record_type_has_exactly_one_event_type(Type record, Type kinds, string create)
    {
        var recordType = (string)record.GetField("RecordType")!.GetValue(null)!;
        var events = AllTypes
            .Where(t => !t.IsAbstract && typeof(DomainEvent).IsAssignableFrom(t) && t != typeof(UnrecognizedEvent)
                && (t.Namespace == record.Namespace || (t == typeof(Itsm.Sla.SlaThresholdReached) && HasSlaClocks(record))
                    || (SharedServiceModelEvents.Contains(t) && HasServiceModelFields(record))
                    || (SharedJournalEvents.Contains(t) && HasJournal(record))
                    || (t == typeof(TicketKnowledgeArticleLinked) && record.GetProperty("KnowledgeArticles") is not null)
                    || (t == typeof(TicketSatisfactionRecorded) && record.GetProperty("Satisfaction") is not null)
                    || (t == typeof(Itsm.Workflows.WorkflowTransitioned) && record.GetMethod("TransitionWorkflow") is not null)
                    || (t == typeof(Itsm.Approvals.ApprovalLevelOverdue) && record.GetMethod("RecordApprovalOverdue") is not null)))
            .Select(t => (string)t.GetField("CommandName", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(Enum.GetNames(kinds).Append(create).OrderBy(n => n, StringComparer.Ordinal), events);
        Assert.NotEmpty(recordType);
    }

    [Fact]
    public void Commands_and_events_are_sealed_records_only_this_library_can_derive_from()
    {
        var commands = AllTypes.Where(t => !t.IsAbstract && typeof(ItsmCommand).IsAssignableFrom(t)).ToList();
        var events = AllTypes.Where(t => !t.IsAbstract && typeof(DomainEvent).IsAssignableFrom(t)).ToList();

        Assert.All(commands.Concat(events), t => Assert.True(t.IsSealed && t.IsPublic, t.Name));
        // Internal abstract members: a type in another assembly cannot implement them, so cannot derive.
        Assert.Contains(typeof(ItsmCommand).GetMethods(BindingFlags.NonPublic | BindingFlags.Instance), m => m.IsAbstract && m.IsAssembly);
        Assert.Contains(typeof(DomainEvent).GetMethods(BindingFlags.NonPublic | BindingFlags.Instance), m => m.IsAbstract && m.IsAssembly);
        Assert.True(commands.Count > 60, $"{commands.Count} command types");
    }

    // The service-model events are shared by the ticket types that carry service, offering, items and supplier.
    private static readonly Type[] SharedServiceModelEvents =
        [typeof(TicketServiceChanged), typeof(TicketConfigurationItemAdded), typeof(TicketConfigurationItemRemoved), typeof(TicketSupplierAssigned)];

    // The journal events are shared by every ticket type (the ones with a Journal summary); a withheld entry is a read-side stand-in with no command of its own.
    private static readonly Type[] SharedJournalEvents =
        [typeof(Itsm.Journal.WorkNoteAdded), typeof(Itsm.Journal.CommentAdded), typeof(Itsm.Journal.TimeWorkedLogged)];

    private static bool HasJournal(Type record) => record.GetProperty("Journal")?.PropertyType == typeof(Itsm.Journal.JournalSummary);

    private static bool HasServiceModelFields(Type record) => record.GetProperty("ConfigurationItems")?.PropertyType == typeof(IReadOnlyList<Itsm.Services.ConfigurationItemId>);

    // The SLA threshold event is shared by the two ticket types (the ones with a TicketHistory).
    private static bool HasSlaClocks(Type record) => record.GetMethod("ReplayTicketHistory") is not null;

    private static string NameOf(Type commandType) =>
        ((ItsmCommand)RuntimeHelpers.GetUninitializedObject(commandType)).Name;
}

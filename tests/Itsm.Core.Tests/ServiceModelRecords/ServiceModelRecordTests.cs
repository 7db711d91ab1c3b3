using System;
using System.Linq;
using Itsm.Common;
using Itsm.Core.Tests.Services;
using Itsm.Persistence;
using Itsm.ServiceModelRecords;
using Itsm.Services;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Tests.ServiceModelRecords;

/// <summary>The stored service model as a record: every edit is validated against the whole model, audited, and its event reads back.</summary>
public sealed class ServiceModelRecordTests
{
    private static readonly TenantId Acme = new("acme");
    private static readonly Actor Admin = new("cmdb.admin", "admin");
    private static readonly FakeClock Clock = new(Instant.FromUtc(2026, 12, 3, 9, 0));

    private static ServiceModelRecord Record() => ServiceModelRecord.Create(Acme, Admin, Clock, ServiceFixtures.Model());

    private static T LastEvent<T>(ServiceModelRecord record)
        where T : DomainEvent
    {
        var entry = record.UncommittedAuditEntries[^1];
        var read = Assert.IsType<T>(entry.Event);
        Assert.Equal(entry.Command, read.Command);
        return read;
    }

    [Fact]
    public void Create_starts_empty_or_from_a_model_at_version_one()
    {
        var empty = ServiceModelRecord.Create(Acme, Admin, Clock);
        Assert.Empty(empty.Model.Services);
        Assert.Equal(1, empty.Version);
        Assert.Equal(ServiceModelRecordId.Text, ((ILifecycleRecord)empty).RecordId);

        var record = Record();
        Assert.Equal(["email", "web"], record.Model.Services.Keys);
        Assert.Equal(["email", "web"], LastEvent<ServiceModelCreated>(record).Model.Services.Keys);
    }

    [Fact]
    public void Adding_a_ci_and_relating_it_changes_the_impact_and_records_one_entry_each()
    {
        var record = Record();

        record.AddConfigurationItem(Admin, new ConfigurationItem("lb01"));
        record.AddRelationship(Admin, new ConfigurationItemId("lb01"), new ConfigurationItemRelationship(RelationshipType.ConnectsTo, "web01"));

        Assert.Equal(3, record.Version);
        Assert.Contains("lb01", record.Model.ImpactOf("web01").AffectedConfigurationItems);
        var added = LastEvent<RelationshipAdded>(record);
        Assert.Equal(new ConfigurationItemId("lb01"), added.Source);
        Assert.Equal(new ConfigurationItemRelationship(RelationshipType.ConnectsTo, "web01"), added.Relationship);
        Assert.Equal(["AddConfigurationItem", "AddRelationship"], record.UncommittedAuditEntries.Skip(1).Select(e => e.Command));
    }

    [Fact]
    public void An_edit_whose_model_would_not_build_is_refused_and_changes_nothing()
    {
        var record = Record();
        var before = record.Model;

        var dangling = Assert.Throws<DomainRuleViolationException>(() => record.RemoveConfigurationItem(Admin, new ConfigurationItemId("vm01")));
        var cycle = Assert.Throws<DomainRuleViolationException>(() => record.AddRelationship(Admin, new ConfigurationItemId("host01"), new(RelationshipType.RunsOn, "mx01")));

        Assert.Equal(ServiceModel.InvalidModelCode, dangling.Code);
        Assert.Contains("configuration item 'mx01' depends on configuration item 'vm01', which is not in the model.", dangling.Message, StringComparison.Ordinal);
        Assert.Equal(ServiceModel.CycleCode, cycle.Code);
        Assert.Same(before, record.Model);
        Assert.Equal(1, record.Version);
    }

    [Fact]
    public void Adding_an_id_twice_or_editing_a_missing_one_is_refused_with_its_code()
    {
        var record = Record();

        var twice = Assert.Throws<DomainRuleViolationException>(() => record.AddService(Admin, new Service("email", "Email again")));
        var missing = Assert.Throws<DomainRuleViolationException>(() => record.RemoveSupplier(Admin, new SupplierId("nobody")));
        var noSuchRelationship = Assert.Throws<DomainRuleViolationException>(() => record.RemoveRelationship(Admin, new ConfigurationItemId("mx01"), new(RelationshipType.RunsOn, "vm01")));

        Assert.Equal(ServiceModelRecord.AlreadyInModelCode, twice.Code);
        Assert.Equal("The service model already holds service 'email'.", twice.Message);
        Assert.Equal(ServiceModelRecord.NotInModelCode, missing.Code);
        Assert.Equal("The service model holds no supplier 'nobody'.", missing.Message);
        Assert.Equal(ServiceModelRecord.NotInModelCode, noSuchRelationship.Code);
        Assert.Equal(1, record.Version);
    }

    [Fact]
    public void Update_service_keeps_its_status_and_go_live_and_retire_move_it()
    {
        var record = Record();

        record.GoLiveService(Admin, new ServiceId("email"));
        record.UpdateService(Admin, new Service("email", "E-mail", "alice", "Messaging", ["mx01"], null, ["KB0001"], ["Restore a service"]) { Criticality = BusinessCriticality.MostCritical });

        var email = record.Model.Services["email"];
        Assert.Equal(ServiceStatus.Live, email.Status);
        Assert.Equal("E-mail", email.Name);
        Assert.Equal(BusinessCriticality.MostCritical, LastEvent<ServiceUpdated>(record).Service.Criticality);
        record.RetireService(Admin, new ServiceId("email"));
        Assert.Equal(new ServiceId("email"), LastEvent<ServiceRetired>(record).Id);
        Assert.Throws<InvalidTransitionException>(() => record.RetireService(Admin, new ServiceId("email")));
        Assert.Equal(4, record.Version);
    }

    [Fact]
    public void Removing_what_nothing_refers_to_and_replacing_the_model_are_accepted()
    {
        var record = Record();

        record.RemoveServiceOffering(Admin, new ServiceOfferingId("web-std"));
        record.RemoveSupportGroup(Admin, new SupportGroupId("Empty team"));
        record.UpdateSupplier(Admin, new Supplier("acme-dns", "ACME DNS Ltd", contracts: ["UC-DNS"], configurationItems: ["dns01"]));
        record.Replace(Admin, new ServiceModelBuilder().Add(new ConfigurationItem("only")).Build());

        Assert.Equal(["only"], record.Model.ConfigurationItems.Keys);
        Assert.Equal(["only"], LastEvent<ServiceModelReplaced>(record).Model.ConfigurationItems.Keys);
        Assert.Equal(5, record.Version);
    }

    [Fact]
    public void The_codec_round_trips_the_whole_model_with_host_defined_types()
    {
        var powers = new RelationshipType("Powers", "Powered by", ImpactFlow.SourceToTarget);
        var record = Record();
        record.AddConfigurationItem(Admin, new ConfigurationItem("ups01", "UPS", relationships: [new(powers, "host01")]));
        var codec = new ServiceModelRecordCodec();

        var json = codec.Serialize(record);
        var back = codec.Deserialize(Acme, ServiceModelRecordId.Text, record.Version, json, Clock);

        Assert.Equal(json, codec.Serialize(back));
        Assert.Equal(record.Version, back.Version);
        Assert.Equal(powers, back.Model.RelationshipTypes["Powers"]);
        Assert.Equal(record.Model.ImpactOf("ups01").AffectedServices, back.Model.ImpactOf("ups01").AffectedServices);
        Assert.Equal(["Deploy a change", "Restore a service"], back.Model.ValueStreams.Keys);
        Assert.StartsWith("{\"v\":1,\"state\":\"Active\",\"createdAt\":\"2026-12-03T09:00:00Z\",\"relationshipTypes\":[{\"name\":\"Powers\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stored_model_that_no_longer_builds_reads_as_a_format_error()
    {
        var codec = new ServiceModelRecordCodec();
        var json = codec.Serialize(Record()).Replace("\"dependsOn\"", "\"x\"", StringComparison.Ordinal)
            .Replace("{\"type\":\"Depends on\",\"target\":\"vm01\"}", "{\"type\":\"Depends on\",\"target\":\"vm99\"}", StringComparison.Ordinal);

        Assert.Throws<FormatException>(() => codec.Deserialize(Acme, ServiceModelRecordId.Text, 1, json, Clock));
        Assert.Throws<FormatException>(() => codec.Deserialize(Acme, "other", 1, codec.Serialize(Record()), Clock));
    }

    [Fact]
    public void Every_command_records_an_event_that_reads_back_to_the_data_it_was_written_as()
    {
        var record = Record();
        var chat = new Service("chat", "Chat", configurationItems: ["web01"]);
        var lb = new ConfigurationItem("lb01");
        var connects = new ConfigurationItemRelationship(new RelationshipType("Feeds", "Fed by", ImpactFlow.SourceToTarget), "web01");

        record.AddService(Admin, chat);
        record.UpdateService(Admin, new Service("chat", "Team chat", configurationItems: ["web01"]) { Criticality = BusinessCriticality.LessCritical });
        record.AddServiceOffering(Admin, new ServiceOffering("chat-std", "Chat - Standard", "chat"));
        record.UpdateServiceOffering(Admin, new ServiceOffering("chat-std", "Chat - Std", "chat", agreements: ["SLA-CHAT"]));
        record.RemoveServiceOffering(Admin, new ServiceOfferingId("chat-std"));
        record.AddConfigurationItem(Admin, lb);
        record.UpdateConfigurationItem(Admin, new ConfigurationItem("lb01", "Load balancer"));
        record.AddRelationship(Admin, new ConfigurationItemId("lb01"), connects);
        record.RemoveRelationship(Admin, new ConfigurationItemId("lb01"), connects);
        record.AddSupplier(Admin, new Supplier("globex", "Globex", SupplierKind.Partner));
        record.UpdateSupplier(Admin, new Supplier("globex", "Globex", SupplierKind.Partner, ["UC-GLOBEX"], ["chat"], ["lb01"]));
        record.RemoveSupplier(Admin, new SupplierId("globex"));
        record.AddSupportGroup(Admin, new SupportGroup("Chat team"));
        record.UpdateSupportGroup(Admin, new SupportGroup("Chat team", ["carol"]));
        record.RemoveSupportGroup(Admin, new SupportGroupId("Chat team"));
        record.RemoveConfigurationItem(Admin, new ConfigurationItemId("lb01"));
        record.GoLiveService(Admin, new ServiceId("email"));
        record.RetireService(Admin, new ServiceId("chat"));
        record.RemoveService(Admin, new ServiceId("chat"));
        record.Replace(Admin, ServiceFixtures.Model());

        Assert.Equal(
            Enum.GetValues<ServiceModelRecordCommand>().Select(c => c.ToString()).Append("Create").Order(StringComparer.Ordinal),
            record.UncommittedAuditEntries.Select(e => e.Command).Distinct().Order(StringComparer.Ordinal));
        Assert.All(record.UncommittedAuditEntries, entry =>
        {
            var read = entry.Event;
            Assert.IsNotType<UnrecognizedEvent>(read);
            Assert.Equal(entry.Command, read.Command);
            Assert.Equal(entry.Data, read.ToAuditData());
        });
        Assert.Equal(21, record.Version);
    }

    [Fact]
    public void An_entry_whose_data_does_not_parse_reads_as_unrecognized()
    {
        var read = DomainEvents.Read(ServiceModelRecord.RecordType, "AddService", new System.Collections.Generic.Dictionary<string, string> { ["service"] = "{\"id\":\"x\"}" });

        Assert.IsType<UnrecognizedEvent>(read);
    }
}

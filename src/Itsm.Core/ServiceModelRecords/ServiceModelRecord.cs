using System;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Services;
using NodaTime;
using Stateless;

namespace Itsm.ServiceModelRecords;

/// <summary>
/// A tenant's service model as a stored record: audited and versioned like every record, and
/// edited by typed commands (add, update and remove a service, offering, configuration item,
/// relationship, supplier or support group; put a service Live or retire it; replace the whole
/// model). One per tenant (<see cref="ServiceModelRecordId.Only"/>). The engine checks the ids
/// commands name against it when the tenant has one (see docs/service-model.md).
/// </summary>
/// <remarks>
/// <para>Every edit is validated against the whole model: the edited parts are built with a
/// <see cref="ServiceModelBuilder"/>, and an edit whose model would not build (a dangling reference, a
/// cycle, a duplicate) is refused with the builder's code and changes nothing, so the stored
/// <see cref="Model"/> always builds. Adding an id the model holds is refused with
/// <see cref="AlreadyInModelCode"/>; updating or removing one it does not hold with <see cref="NotInModelCode"/>.</para>
/// <para>An accepted command raises <see cref="Aggregate{TId, TState, TCommand}.Version"/> by one and appends one
/// <see cref="AuditEntry"/> whose event carries the part as it now is. A record is not thread-safe.</para>
/// </remarks>
public sealed class ServiceModelRecord : Aggregate<ServiceModelRecordId, ServiceModelRecordState, ServiceModelRecordCommand>
{
    /// <summary>The record type used in audit entries, stores and errors.</summary>
    public const string RecordType = "ServiceModel";

    /// <summary>The stable code of an edit that adds an id the model already holds.</summary>
    public const string AlreadyInModelCode = "ITSM-SVC-EDIT-001";

    /// <summary>The stable code of an edit that names a part the model does not hold.</summary>
    public const string NotInModelCode = "ITSM-SVC-EDIT-002";

    private static readonly ServiceModel EmptyModel = new ServiceModelBuilder().Build();

    private ServiceModelRecord(TenantId tenant, IClock clock, ServiceModel model, Instant createdAt)
        : base(RecordType, tenant, default, clock)
    {
        Model = model;
        CreatedAt = createdAt;
    }

    /// <summary>The model as it stands: immutable, and valid (it built).</summary>
    public ServiceModel Model { get; private set; }

    /// <summary>When the record was created.</summary>
    public Instant CreatedAt { get; }

    /// <summary>Creates a tenant's stored service model, empty or from <paramref name="initial"/>.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="actor">Who creates it.</param>
    /// <param name="clock">The clock commands take their time from.</param>
    /// <param name="initial">The model to start from, or <see langword="null"/> for an empty one.</param>
    /// <returns>The record, at version 1 with one audit entry (command <c>Create</c>).</returns>
    /// <exception cref="ArgumentException">The tenant is blank, or the actor or clock is null.</exception>
    public static ServiceModelRecord Create(TenantId tenant, Actor actor, IClock clock, ServiceModel? initial = null)
    {
        Guard.Against.NullOrWhiteSpace(tenant.Value, nameof(tenant));
        Guard.Against.Null(actor);
        Guard.Against.Null(clock);
        var record = new ServiceModelRecord(tenant, clock, initial ?? EmptyModel, clock.GetCurrentInstant())
        {
            State = ServiceModelRecordState.Active,
        };
        record.RecordCreation(actor, record.CreatedAt, new ServiceModelCreated(record.Model));
        return record;
    }

    /// <summary>Rebuilds a stored record at <paramref name="version"/>: nothing recorded (the codec built the model).</summary>
    internal static ServiceModelRecord Restore(TenantId tenant, long version, IClock clock, ServiceModel model, Instant createdAt)
    {
        var record = new ServiceModelRecord(tenant, clock, model, createdAt) { State = ServiceModelRecordState.Active };
        record.Restore(version);
        return record;
    }

    /// <summary>Adds a service to the model.</summary>
    /// <param name="actor">Who edits the model.</param>
    /// <param name="service">The service.</param>
    /// <exception cref="ArgumentException">An argument is null.</exception>
    /// <exception cref="DomainRuleViolationException"><see cref="AlreadyInModelCode"/>: the model already holds its id; or the model it would make does not build (<see cref="ServiceModel.InvalidModelCode"/>, <see cref="ServiceModel.CycleCode"/>).</exception>
    public void AddService(Actor actor, Service service)
    {
        Guard.Against.Null(service);
        Edit(actor, ServiceModelRecordCommand.AddService, new ServiceAdded(service), p => ServiceModelParts.Add(p.Services, "service", service.Id, service));
    }

    /// <summary>Replaces the service with <paramref name="service"/>'s id. Its status is kept: <see cref="GoLiveService"/> and <see cref="RetireService"/> change it.</summary>
    /// <param name="actor">Who edits the model.</param>
    /// <param name="service">The service as it is to be.</param>
    /// <exception cref="ArgumentException">An argument is null.</exception>
    /// <exception cref="DomainRuleViolationException"><see cref="NotInModelCode"/>: the model holds no such service; or the model it would make does not build.</exception>
    public void UpdateService(Actor actor, Service service)
    {
        Guard.Against.Null(service);
        Edit(actor, ServiceModelRecordCommand.UpdateService, p =>
        {
            var stored = service.WithStatus(ServiceModelParts.Get(p.Services, "service", service.Id).Status);
            ServiceModelParts.Replace(p.Services, "service", service.Id, stored);
            return new ServiceUpdated(stored);
        });
    }

    /// <summary>Removes a service; refused while another part still refers to it (the model would not build).</summary>
    /// <param name="actor">Who edits the model.</param>
    /// <param name="id">The service's id.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null or <paramref name="id"/> is empty.</exception>
    /// <exception cref="DomainRuleViolationException"><see cref="NotInModelCode"/>: the model holds no such service; or <see cref="ServiceModel.InvalidModelCode"/>: other parts refer to it (every one is listed).</exception>
    public void RemoveService(Actor actor, ServiceId id)
    {
        var key = Key(id.Value, nameof(id));
        Edit(actor, ServiceModelRecordCommand.RemoveService, new ServiceRemoved(id), p => ServiceModelParts.Remove(p.Services, "service", key));
    }

    /// <summary>Adds a service offering to the model.</summary>
    /// <param name="actor">Who edits the model.</param>
    /// <param name="offering">The service offering.</param>
    /// <exception cref="ArgumentException">An argument is null.</exception>
    /// <exception cref="DomainRuleViolationException"><see cref="AlreadyInModelCode"/>: the model already holds its id; or the model it would make does not build (<see cref="ServiceModel.InvalidModelCode"/>, <see cref="ServiceModel.CycleCode"/>).</exception>
    public void AddServiceOffering(Actor actor, ServiceOffering offering)
    {
        Guard.Against.Null(offering);
        Edit(actor, ServiceModelRecordCommand.AddServiceOffering, new ServiceOfferingAdded(offering), p => ServiceModelParts.Add(p.Offerings, "service offering", offering.Id, offering));
    }

    /// <summary>Replaces the service offering with <paramref name="offering"/>'s id.</summary>
    /// <param name="actor">Who edits the model.</param>
    /// <param name="offering">The service offering as it is to be.</param>
    /// <exception cref="ArgumentException">An argument is null.</exception>
    /// <exception cref="DomainRuleViolationException"><see cref="NotInModelCode"/>: the model holds no such service offering; or the model it would make does not build.</exception>
    public void UpdateServiceOffering(Actor actor, ServiceOffering offering)
    {
        Guard.Against.Null(offering);
        Edit(actor, ServiceModelRecordCommand.UpdateServiceOffering, p =>
        {
            var stored = offering;
            ServiceModelParts.Replace(p.Offerings, "service offering", offering.Id, stored);
            return new ServiceOfferingUpdated(stored);
        });
    }

    /// <summary>Removes a service offering; refused while another part still refers to it (the model would not build).</summary>
    /// <param name="actor">Who edits the model.</param>
    /// <param name="id">The service offering's id.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null or <paramref name="id"/> is empty.</exception>
    /// <exception cref="DomainRuleViolationException"><see cref="NotInModelCode"/>: the model holds no such service offering; or <see cref="ServiceModel.InvalidModelCode"/>: other parts refer to it (every one is listed).</exception>
    public void RemoveServiceOffering(Actor actor, ServiceOfferingId id)
    {
        var key = Key(id.Value, nameof(id));
        Edit(actor, ServiceModelRecordCommand.RemoveServiceOffering, new ServiceOfferingRemoved(id), p => ServiceModelParts.Remove(p.Offerings, "service offering", key));
    }

    /// <summary>Adds a configuration item to the model.</summary>
    /// <param name="actor">Who edits the model.</param>
    /// <param name="item">The configuration item.</param>
    /// <exception cref="ArgumentException">An argument is null.</exception>
    /// <exception cref="DomainRuleViolationException"><see cref="AlreadyInModelCode"/>: the model already holds its id; or the model it would make does not build (<see cref="ServiceModel.InvalidModelCode"/>, <see cref="ServiceModel.CycleCode"/>).</exception>
    public void AddConfigurationItem(Actor actor, ConfigurationItem item)
    {
        Guard.Against.Null(item);
        Edit(actor, ServiceModelRecordCommand.AddConfigurationItem, new ConfigurationItemAdded(item), p => ServiceModelParts.Add(p.Items, "configuration item", item.Id, item));
    }

    /// <summary>Replaces the configuration item with <paramref name="item"/>'s id.</summary>
    /// <param name="actor">Who edits the model.</param>
    /// <param name="item">The configuration item as it is to be.</param>
    /// <exception cref="ArgumentException">An argument is null.</exception>
    /// <exception cref="DomainRuleViolationException"><see cref="NotInModelCode"/>: the model holds no such configuration item; or the model it would make does not build.</exception>
    public void UpdateConfigurationItem(Actor actor, ConfigurationItem item)
    {
        Guard.Against.Null(item);
        Edit(actor, ServiceModelRecordCommand.UpdateConfigurationItem, p =>
        {
            var stored = item;
            ServiceModelParts.Replace(p.Items, "configuration item", item.Id, stored);
            return new ConfigurationItemUpdated(stored);
        });
    }

    /// <summary>Removes a configuration item; refused while another part still refers to it (the model would not build).</summary>
    /// <param name="actor">Who edits the model.</param>
    /// <param name="id">The configuration item's id.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null or <paramref name="id"/> is empty.</exception>
    /// <exception cref="DomainRuleViolationException"><see cref="NotInModelCode"/>: the model holds no such configuration item; or <see cref="ServiceModel.InvalidModelCode"/>: other parts refer to it (every one is listed).</exception>
    public void RemoveConfigurationItem(Actor actor, ConfigurationItemId id)
    {
        var key = Key(id.Value, nameof(id));
        Edit(actor, ServiceModelRecordCommand.RemoveConfigurationItem, new ConfigurationItemRemoved(id), p => ServiceModelParts.Remove(p.Items, "configuration item", key));
    }

    /// <summary>Adds a supplier or partner to the model.</summary>
    /// <param name="actor">Who edits the model.</param>
    /// <param name="supplier">The supplier.</param>
    /// <exception cref="ArgumentException">An argument is null.</exception>
    /// <exception cref="DomainRuleViolationException"><see cref="AlreadyInModelCode"/>: the model already holds its id; or the model it would make does not build (<see cref="ServiceModel.InvalidModelCode"/>, <see cref="ServiceModel.CycleCode"/>).</exception>
    public void AddSupplier(Actor actor, Supplier supplier)
    {
        Guard.Against.Null(supplier);
        Edit(actor, ServiceModelRecordCommand.AddSupplier, new SupplierAdded(supplier), p => ServiceModelParts.Add(p.Suppliers, "supplier", supplier.Id, supplier));
    }

    /// <summary>Replaces the supplier with <paramref name="supplier"/>'s id.</summary>
    /// <param name="actor">Who edits the model.</param>
    /// <param name="supplier">The supplier as it is to be.</param>
    /// <exception cref="ArgumentException">An argument is null.</exception>
    /// <exception cref="DomainRuleViolationException"><see cref="NotInModelCode"/>: the model holds no such supplier; or the model it would make does not build.</exception>
    public void UpdateSupplier(Actor actor, Supplier supplier)
    {
        Guard.Against.Null(supplier);
        Edit(actor, ServiceModelRecordCommand.UpdateSupplier, p =>
        {
            var stored = supplier;
            ServiceModelParts.Replace(p.Suppliers, "supplier", supplier.Id, stored);
            return new SupplierUpdated(stored);
        });
    }

    /// <summary>Removes a supplier or partner; refused while another part still refers to it (the model would not build).</summary>
    /// <param name="actor">Who edits the model.</param>
    /// <param name="id">The supplier's id.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null or <paramref name="id"/> is empty.</exception>
    /// <exception cref="DomainRuleViolationException"><see cref="NotInModelCode"/>: the model holds no such supplier; or <see cref="ServiceModel.InvalidModelCode"/>: other parts refer to it (every one is listed).</exception>
    public void RemoveSupplier(Actor actor, SupplierId id)
    {
        var key = Key(id.Value, nameof(id));
        Edit(actor, ServiceModelRecordCommand.RemoveSupplier, new SupplierRemoved(id), p => ServiceModelParts.Remove(p.Suppliers, "supplier", key));
    }

    /// <summary>Adds a support group to the model.</summary>
    /// <param name="actor">Who edits the model.</param>
    /// <param name="group">The support group.</param>
    /// <exception cref="ArgumentException">An argument is null.</exception>
    /// <exception cref="DomainRuleViolationException"><see cref="AlreadyInModelCode"/>: the model already holds its id; or the model it would make does not build (<see cref="ServiceModel.InvalidModelCode"/>, <see cref="ServiceModel.CycleCode"/>).</exception>
    public void AddSupportGroup(Actor actor, SupportGroup group)
    {
        Guard.Against.Null(group);
        Edit(actor, ServiceModelRecordCommand.AddSupportGroup, new SupportGroupAdded(group), p => ServiceModelParts.Add(p.Groups, "support group", group.Name, group));
    }

    /// <summary>Replaces the support group with <paramref name="group"/>'s id.</summary>
    /// <param name="actor">Who edits the model.</param>
    /// <param name="group">The support group as it is to be.</param>
    /// <exception cref="ArgumentException">An argument is null.</exception>
    /// <exception cref="DomainRuleViolationException"><see cref="NotInModelCode"/>: the model holds no such support group; or the model it would make does not build.</exception>
    public void UpdateSupportGroup(Actor actor, SupportGroup group)
    {
        Guard.Against.Null(group);
        Edit(actor, ServiceModelRecordCommand.UpdateSupportGroup, p =>
        {
            var stored = group;
            ServiceModelParts.Replace(p.Groups, "support group", group.Name, stored);
            return new SupportGroupUpdated(stored);
        });
    }

    /// <summary>Removes a support group; refused while another part still refers to it (the model would not build).</summary>
    /// <param name="actor">Who edits the model.</param>
    /// <param name="id">The support group's id.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null or <paramref name="id"/> is empty.</exception>
    /// <exception cref="DomainRuleViolationException"><see cref="NotInModelCode"/>: the model holds no such support group; or <see cref="ServiceModel.InvalidModelCode"/>: other parts refer to it (every one is listed).</exception>
    public void RemoveSupportGroup(Actor actor, SupportGroupId id)
    {
        var key = Key(id.Value, nameof(id));
        Edit(actor, ServiceModelRecordCommand.RemoveSupportGroup, new SupportGroupRemoved(id), p => ServiceModelParts.Remove(p.Groups, "support group", key));
    }

    /// <summary>Puts a Pipeline service Live; it must pass its readiness check (<see cref="ServiceModel.GoLive"/>).</summary>
    /// <param name="actor">Who edits the model.</param>
    /// <param name="id">The service's id.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null or <paramref name="id"/> is empty.</exception>
    /// <exception cref="DomainRuleViolationException"><see cref="NotInModelCode"/>: no such service; <see cref="ServiceModel.NotReadyCode"/>: the readiness check found gaps.</exception>
    /// <exception cref="InvalidTransitionException">The service is not in the Pipeline.</exception>
    public void GoLiveService(Actor actor, ServiceId id)
    {
        var key = Key(id.Value, nameof(id));
        Change(actor, ServiceModelRecordCommand.GoLiveService, new ServiceWentLive(id), key, static (m, s) => m.GoLive(s));
    }

    /// <summary>Retires a Pipeline or Live service (<see cref="ServiceModel.Retire"/>).</summary>
    /// <param name="actor">Who edits the model.</param>
    /// <param name="id">The service's id.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null or <paramref name="id"/> is empty.</exception>
    /// <exception cref="DomainRuleViolationException"><see cref="NotInModelCode"/>: no such service.</exception>
    /// <exception cref="InvalidTransitionException">The service is already retired.</exception>
    public void RetireService(Actor actor, ServiceId id)
    {
        var key = Key(id.Value, nameof(id));
        Change(actor, ServiceModelRecordCommand.RetireService, new ServiceRetired(id), key, static (m, s) => m.Retire(s));
    }

    /// <summary>Adds a relationship from the configuration item <paramref name="source"/> (its type and target in <paramref name="relationship"/>).</summary>
    /// <param name="actor">Who edits the model.</param>
    /// <param name="source">The configuration item the relationship is from.</param>
    /// <param name="relationship">The relationship.</param>
    /// <exception cref="ArgumentException">An argument is null or <paramref name="source"/> is empty.</exception>
    /// <exception cref="DomainRuleViolationException">
    /// <see cref="NotInModelCode"/>: no such source item; <see cref="AlreadyInModelCode"/>: the source already has it;
    /// <see cref="ServiceModel.InvalidModelCode"/>: the target is not in the model, or the type's name is defined otherwise;
    /// <see cref="ServiceModel.CycleCode"/>: it closes a cycle of acyclic relationships.
    /// </exception>
    public void AddRelationship(Actor actor, ConfigurationItemId source, ConfigurationItemRelationship relationship)
    {
        var key = Key(source.Value, nameof(source));
        Guard.Against.Null(relationship);
        Edit(actor, ServiceModelRecordCommand.AddRelationship, new RelationshipAdded(source, relationship), p =>
        {
            var item = ServiceModelParts.Get(p.Items, "configuration item", key);
            if (item.Relationships.Contains(relationship))
            {
                throw new DomainRuleViolationException(AlreadyInModelCode, $"Configuration item '{Itsm.Text.QuotedText.Of(key)}' already has the relationship '{relationship}'.");
            }

            p.Items[key] = item.WithRelationships([.. item.Relationships, relationship]);
        });
    }

    /// <summary>Removes a relationship from the configuration item <paramref name="source"/>.</summary>
    /// <param name="actor">Who edits the model.</param>
    /// <param name="source">The configuration item the relationship is from.</param>
    /// <param name="relationship">The relationship.</param>
    /// <exception cref="ArgumentException">An argument is null or <paramref name="source"/> is empty.</exception>
    /// <exception cref="DomainRuleViolationException"><see cref="NotInModelCode"/>: no such item, or it has no such relationship.</exception>
    public void RemoveRelationship(Actor actor, ConfigurationItemId source, ConfigurationItemRelationship relationship)
    {
        var key = Key(source.Value, nameof(source));
        Guard.Against.Null(relationship);
        Edit(actor, ServiceModelRecordCommand.RemoveRelationship, new RelationshipRemoved(source, relationship), p =>
        {
            var item = ServiceModelParts.Get(p.Items, "configuration item", key);
            if (!item.Relationships.Contains(relationship))
            {
                throw new DomainRuleViolationException(NotInModelCode, $"Configuration item '{Itsm.Text.QuotedText.Of(key)}' has no relationship '{relationship}'.");
            }

            p.Items[key] = item.WithRelationships(item.Relationships.Where(r => r != relationship));
        });
    }

    /// <summary>Replaces the whole model (an import): <paramref name="model"/> is valid, since it was built.</summary>
    /// <param name="actor">Who edits the model.</param>
    /// <param name="model">The new model.</param>
    /// <exception cref="ArgumentException">An argument is null.</exception>
    public void Replace(Actor actor, ServiceModel model)
    {
        Guard.Against.Null(actor);
        Guard.Against.Null(model);
        Execute(actor, ServiceModelRecordCommand.Replace, _ => Model = model, new ServiceModelReplaced(model));
    }

    /// <summary>The record's tenant and version.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"ServiceModel of {Tenant} (v{Version})";

    private protected override void ConfigureLifecycle(StateMachine<ServiceModelRecordState, ServiceModelRecordCommand> machine, Func<Aggregate<ServiceModelRecordId, ServiceModelRecordState, ServiceModelRecordCommand>> current)
    {
        var active = machine.Configure(ServiceModelRecordState.Active);
        foreach (var command in Enum.GetValues<ServiceModelRecordCommand>())
        {
            active.PermitReentry(command);
        }
    }

    private static string Key(string? id, string paramName) => Guard.Against.NullOrWhiteSpace(id, paramName);

    private void Edit(Actor actor, ServiceModelRecordCommand command, DomainEvent @event, Action<ServiceModelParts> change) =>
        Edit(actor, command, p =>
        {
            change(p);
            return @event;
        });

    // The edit runs on copies of the parts and the result must build before anything changes.
    private void Edit(Actor actor, ServiceModelRecordCommand command, Func<ServiceModelParts, DomainEvent> change)
    {
        Guard.Against.Null(actor);
        var parts = ServiceModelParts.Of(Model);
        var @event = change(parts);
        var next = parts.Build();
        Execute(actor, command, _ => Model = next, @event);
    }

    private void Change(Actor actor, ServiceModelRecordCommand command, DomainEvent @event, string service, Func<ServiceModel, string, ServiceModel> change)
    {
        Guard.Against.Null(actor);
        if (!Model.Services.ContainsKey(service))
        {
            throw new DomainRuleViolationException(NotInModelCode, $"The service model holds no service '{Itsm.Text.QuotedText.Of(service)}'.");
        }

        var next = change(Model, service);
        Execute(actor, command, _ => Model = next, @event);
    }
}

using System;
using System.Linq;
using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;

namespace Itsm.Core.Tests.Lifecycles;

/// <summary><c>ChangeService(actor, service, offering)</c>: null means none.</summary>
public sealed record ChangeServiceStep(Who Who, string? Service, string? Offering) : ModelStep
{
    public override string ToString() => $"ChangeService({Who}, {Q(Service)}, {Q(Offering)})";
}

/// <summary><c>AddConfigurationItem(actor, item)</c>.</summary>
public sealed record AddConfigurationItemStep(Who Who, string Item) : ModelStep
{
    public override string ToString() => $"AddConfigurationItem({Who}, {Q(Item)})";
}

/// <summary><c>RemoveConfigurationItem(actor, item)</c>.</summary>
public sealed record RemoveConfigurationItemStep(Who Who, string Item) : ModelStep
{
    public override string ToString() => $"RemoveConfigurationItem({Who}, {Q(Item)})";
}

/// <summary><c>AssignToSupplier(actor, supplier)</c>: null means back from the supplier.</summary>
public sealed record AssignToSupplierStep(Who Who, string? Supplier) : ModelStep
{
    public override string ToString() => $"AssignToSupplier({Who}, {Q(Supplier)})";
}

/// <summary>
/// A ticket's service-model fields and the rules incidents and service requests share for them
/// (docs/lifecycles/README.md): a change that changes nothing is refused, a configuration item is named once,
/// only a named one can be removed. <c>prefix</c> is the record type's code prefix (<c>ITSM-INC</c>).
/// </summary>
public sealed record ServiceFields(string? Service, string? Offering, ImmutableList<string> Items, string? Supplier)
{
    public static ServiceFields None { get; } = new(null, null, [], null);

    /// <summary>ChangeService, AddConfigurationItem, RemoveConfigurationItem and AssignToSupplier steps from random actors, over few ids so repeats happen.</summary>
    public static Gen<ModelStep> Step { get; } = Gen.Frequency(
        (1, from w in ModelGens.Who from s in Gen.Elements<string?>(null, "email", "web") from o in Gen.Elements<string?>(null, "email-gold")
            select (ModelStep)new ChangeServiceStep(w, s, o)),
        (1, from w in ModelGens.Who from i in Gen.Elements("mx01", "dns01") select (ModelStep)new AddConfigurationItemStep(w, i)),
        (1, from w in ModelGens.Who from i in Gen.Elements("mx01", "dns01") select (ModelStep)new RemoveConfigurationItemStep(w, i)),
        (1, from w in ModelGens.Who from s in Gen.Elements<string?>(null, "acme-dns", "globex") select (ModelStep)new AssignToSupplierStep(w, s)));

    public string? ServiceUnchanged(ChangeServiceStep s, string prefix) => s.Service == Service && s.Offering == Offering ? prefix + "-SERVICE-001" : null;

    public string? NotAddable(AddConfigurationItemStep s, string prefix) => Items.Contains(s.Item) ? prefix + "-CI-001" : null;

    public string? NotNamed(RemoveConfigurationItemStep s, string prefix) => Items.Contains(s.Item) ? null : prefix + "-CI-002";

    public string? SupplierUnchanged(AssignToSupplierStep s, string prefix) => s.Supplier == Supplier ? prefix + "-SUPPLIER-001" : null;

    public ServiceFields After(ModelStep step) => step switch
    {
        ChangeServiceStep s => this with { Service = s.Service, Offering = s.Offering },
        AddConfigurationItemStep s => this with { Items = Items.Add(s.Item) },
        RemoveConfigurationItemStep s => this with { Items = Items.Remove(s.Item) },
        AssignToSupplierStep s => this with { Supplier = s.Supplier },
        _ => throw new ArgumentException($"Not a service-field step: {step}", nameof(step)),
    };

    public bool Equals(ServiceFields? other) =>
        other is not null && Service == other.Service && Offering == other.Offering && Supplier == other.Supplier && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => HashCode.Combine(Service, Offering, Supplier, Items.Count);

    public override string ToString() => $"service {Q(Service)}, offering {Q(Offering)}, CIs [{string.Join(", ", Items)}], supplier {Q(Supplier)}";

    private static string Q(string? value) => value is null ? "null" : "\"" + value + "\"";
}

/// <summary>Reads a ticket's service-model fields as the model states them.</summary>
public static class ServiceFieldsOf
{
    public static ServiceFields Read(Itsm.Services.ServiceId? service, Itsm.Services.ServiceOfferingId? offering, System.Collections.Generic.IReadOnlyList<Itsm.Services.ConfigurationItemId> items, Itsm.Services.SupplierId? supplier) =>
        new(service?.Value, offering?.Value, items.Select(i => i.Value).ToImmutableList(), supplier?.Value);
}

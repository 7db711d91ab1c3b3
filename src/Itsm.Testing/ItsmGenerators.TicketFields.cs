using System;
using FsCheck;
using FsCheck.Fluent;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.Testing;

// The service-model commands every ticket type shares, over small id pools so that a history sets,
// repeats, clears and removes the same ids (and the rules that refuse repeats are exercised).
public static partial class ItsmGenerators
{
    private static Gen<RecordCommand<TRecord>> TicketFieldCommands<TRecord>(
        Func<ServiceId?, ServiceOfferingId?, RecordCommand<TRecord>> changeService,
        Func<ConfigurationItemId, RecordCommand<TRecord>> addItem,
        Func<ConfigurationItemId, RecordCommand<TRecord>> removeItem,
        Func<SupplierId?, RecordCommand<TRecord>> assignToSupplier)
        where TRecord : class
    {
        var services = Gen.Elements<ServiceId?>(null, new ServiceId("Email"), new ServiceId("Workplace"));
        var offerings = Gen.Elements<ServiceOfferingId?>(null, new ServiceOfferingId("Email Gold"));
        var items = Gen.Elements(new ConfigurationItemId("laptop-pool"), new ConfigurationItemId("mail-relay"), new ConfigurationItemId("db-01"));
        var suppliers = Gen.Elements<SupplierId?>(null, new SupplierId("acme-net"), new SupplierId("globex"));
        return Gen.OneOf(
            from service in services from offering in offerings select changeService(service, offering),
            items.Select(addItem),
            items.Select(removeItem),
            suppliers.Select(assignToSupplier));
    }
}

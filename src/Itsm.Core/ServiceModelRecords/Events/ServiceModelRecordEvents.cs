using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.ServiceModelRecords;

/// <summary>Reads the audit entries of stored service models as typed events (docs/events.md lists the mapping).</summary>
internal static class ServiceModelRecordEvents
{
    internal static DomainEvent? Read(string command, IReadOnlyDictionary<string, string> data) =>
        command switch
        {
            ServiceAdded.CommandName => ServiceAdded.Read(data),
            ServiceUpdated.CommandName => ServiceUpdated.Read(data),
            ServiceRemoved.CommandName => ServiceRemoved.Read(data),
            ServiceOfferingAdded.CommandName => ServiceOfferingAdded.Read(data),
            ServiceOfferingUpdated.CommandName => ServiceOfferingUpdated.Read(data),
            ServiceOfferingRemoved.CommandName => ServiceOfferingRemoved.Read(data),
            ConfigurationItemAdded.CommandName => ConfigurationItemAdded.Read(data),
            ConfigurationItemUpdated.CommandName => ConfigurationItemUpdated.Read(data),
            ConfigurationItemRemoved.CommandName => ConfigurationItemRemoved.Read(data),
            SupplierAdded.CommandName => SupplierAdded.Read(data),
            SupplierUpdated.CommandName => SupplierUpdated.Read(data),
            SupplierRemoved.CommandName => SupplierRemoved.Read(data),
            SupportGroupAdded.CommandName => SupportGroupAdded.Read(data),
            SupportGroupUpdated.CommandName => SupportGroupUpdated.Read(data),
            SupportGroupRemoved.CommandName => SupportGroupRemoved.Read(data),
            ServiceWentLive.CommandName => ServiceWentLive.Read(data),
            ServiceRetired.CommandName => ServiceRetired.Read(data),
            RelationshipAdded.CommandName => RelationshipAdded.Read(data),
            RelationshipRemoved.CommandName => RelationshipRemoved.Read(data),
            ServiceModelCreated.CommandName => ServiceModelCreated.Read(data),
            ServiceModelReplaced.CommandName => ServiceModelReplaced.Read(data),
            _ => null,
        };
}

using Itsm.Services;

namespace Itsm.Core.Tests.Services;

/// <summary>
/// A small model: Email runs on mx01, which runs on vm01 (on host01) and uses dns01 (a supplier's);
/// Web runs on web01 on vm02 (on host01). Offerings Email-Gold and Email-Std; Web-Std.
/// </summary>
internal static class ServiceFixtures
{
    internal static ServiceModelBuilder Builder(bool dnsContract = true) => new ServiceModelBuilder()
        .Add(new ConfigurationItem("host01"))
        .Add(new ConfigurationItem("vm01", dependsOn: ["host01"]))
        .Add(new ConfigurationItem("vm02", dependsOn: ["host01"]))
        .Add(new ConfigurationItem("dns01"))
        .Add(new ConfigurationItem("mx01", "Mail exchanger", ["vm01", "dns01"]))
        .Add(new ConfigurationItem("web01", dependsOn: ["vm02"]))
        .Add(new ConfigurationItem("printer01"))
        .Add(new SupportGroup("Messaging", ["alice", "bob"]))
        .Add(new SupportGroup("Web team", ["carol"]))
        .Add(new SupportGroup("Empty team"))
        .Add(new Supplier("acme-dns", "ACME DNS", SupplierKind.Supplier, dnsContract ? ["UC-DNS"] : null, configurationItems: ["dns01"]))
        .Add(new Practice(Practices.IncidentManagement, "dave", ["Mean time to resolve", "Reopen rate"]))
        .Add(new Practice(Practices.ChangeEnablement, "erin", ["Change success rate"]))
        .Add(ValueStream.RestoreService)
        .Add(ValueStream.DeployChange)
        .Add(new Service("email", "Email", "alice", "Messaging", ["mx01"], ["SLA-EMAIL", "OLA-MSG"], ["KB0001"], ["Restore a service"]))
        .Add(new Service("web", "Web", "carol", "Web team", ["web01"], ["SLA-WEB"], ["KB0002"], ["Restore a service", "Deploy a change"]))
        .Add(new ServiceOffering("email-gold", "Email - Gold", "email", agreements: ["SLA-EMAIL-GOLD"]))
        .Add(new ServiceOffering("email-std", "Email - Standard", "email"))
        .Add(new ServiceOffering("web-std", "Web - Standard", "web"));

    internal static ServiceModel Model(bool dnsContract = true) => Builder(dnsContract).Build();
}

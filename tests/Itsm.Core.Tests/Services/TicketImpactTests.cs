using System;
using Itsm.Services;

namespace Itsm.Core.Tests.Services;

/// <summary><see cref="ServiceModel.ImpactOfTicket"/>: what a ticket on some configuration items, for a service, affects.</summary>
public sealed class TicketImpactTests
{
    private static readonly ServiceModel Model = ServiceFixtures.Model();

    private static ConfigurationItemId[] Items(params string[] ids) => Array.ConvertAll(ids, id => new ConfigurationItemId(id));

    [Fact]
    public void A_ticket_on_items_affects_what_their_outage_reaches()
    {
        var ticket = Model.ImpactOfTicket(Items("vm01", "dns01"));
        var outage = Model.ImpactOf(["vm01", "dns01"]);

        Assert.Equal(["dns01", "vm01"], ticket.FailedConfigurationItems);
        Assert.Equal(outage.AffectedConfigurationItems, ticket.AffectedConfigurationItems);
        Assert.Equal(["email"], ticket.AffectedServices);
        Assert.Equal(["email-gold", "email-std"], ticket.AffectedOfferings);
    }

    [Fact]
    public void The_tickets_own_service_is_affected_with_its_offerings_even_when_no_item_reaches_it()
    {
        var impact = Model.ImpactOfTicket(Items("printer01"), new ServiceId("web"));

        Assert.Equal(["printer01"], impact.AffectedConfigurationItems);
        Assert.Equal(["web"], impact.AffectedServices);
        Assert.Equal(["web-std"], impact.AffectedOfferings);

        var both = Model.ImpactOfTicket(Items("dns01"), new ServiceId("web"));
        Assert.Equal(["email", "web"], both.AffectedServices);
        Assert.Equal(["email-gold", "email-std", "web-std"], both.AffectedOfferings);

        var serviceOnly = Model.ImpactOfTicket([], new ServiceId("email"));
        Assert.Empty(serviceOnly.FailedConfigurationItems);
        Assert.Equal(["email"], serviceOnly.AffectedServices);
    }

    [Fact]
    public void Ids_the_model_does_not_hold_are_left_out_and_a_ticket_naming_nothing_affects_nothing()
    {
        var impact = Model.ImpactOfTicket(Items("mx99", "dns01"), new ServiceId("chat"));

        Assert.Equal(["dns01"], impact.FailedConfigurationItems);
        Assert.Equal(["email"], impact.AffectedServices);

        var none = Model.ImpactOfTicket([]);
        Assert.Empty(none.AffectedConfigurationItems);
        Assert.Empty(none.AffectedServices);
        Assert.Empty(none.AffectedOfferings);
    }

    [Fact]
    public void Default_ids_are_refused_naming_the_parameter()
    {
        Assert.Equal("configurationItems", Assert.Throws<ArgumentException>(() => Model.ImpactOfTicket([default])).ParamName);
        Assert.Equal("service", Assert.Throws<ArgumentException>(() => Model.ImpactOfTicket([], default(ServiceId))).ParamName);
        Assert.Throws<ArgumentNullException>(() => Model.ImpactOfTicket(null!));
    }
}

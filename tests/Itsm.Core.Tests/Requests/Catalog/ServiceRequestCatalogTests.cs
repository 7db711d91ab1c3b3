using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Core.Tests.Persistence;
using Itsm.Core.Tests.Services;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Requests;
using Itsm.Services;
using Itsm.Testing;
using NodaTime;
using NodaTime.Testing;
using static Itsm.Core.Tests.Requests.ServiceRequestFixtures;

namespace Itsm.Core.Tests.Requests.Catalog;

/// <summary>A request is checked against its catalog item when submitted, and holds its answers in state and in its Submit audit entry.</summary>
public sealed class ServiceRequestCatalogTests
{
    private static readonly ServiceRequestId Id = new(new Guid("00000000-0000-0000-0000-0000000000c4"));

    private static ServiceRequest SubmitLaptop(CatalogValues answers, FakeClock? clock = null) =>
        ServiceRequest.Submit(Tenant, Id, Requester, CatalogExamples.Laptop, clock ?? NewClock(), variables: answers);

    [Fact]
    public void Submitting_stores_the_answers_with_defaults_in_state_and_in_the_audit_entry()
    {
        var request = SubmitLaptop(CatalogExamples.ValidAnswers);

        var expected = CatalogExamples.Laptop.Resolve(CatalogExamples.ValidAnswers);
        Assert.Equal(expected, request.Variables);
        var entry = Assert.Single(request.UncommittedAuditEntries);
        Assert.Equal(
            """{"accessories":{"choice":["dock","mouse"]},"express":{"boolean":false},"justification":{"text":"New starter in finance"},"model":{"choice":"standard"},"neededBy":{"date":"2026-12-14"}}""",
            entry.Data["variables"]);
        var submitted = (ServiceRequestSubmitted)AuditAssert.TypedEvent(entry, typeof(ServiceRequestSubmitted));
        Assert.Equal(expected, submitted.Variables);
        Assert.Equal(new ServiceRequestSubmitted("laptop", Priority.Low) { Variables = expected }, submitted);
    }

    [Fact]
    public void A_request_for_an_item_without_variables_keeps_the_audit_format_it_had()
    {
        var request = Submit(NewClock(), PasswordReset);

        Assert.Empty(request.Variables);
        Assert.False(request.UncommittedAuditEntries[0].Data.ContainsKey("variables"));
        Assert.DoesNotContain("variables", new ServiceRequestCodec().Serialize(request), StringComparison.Ordinal);
    }

    [Fact]
    public void Answers_that_do_not_fit_refuse_the_submission_listing_every_problem()
    {
        var answers = CatalogValues.Of(("model", CatalogValue.Choice("gaming")), ("express", CatalogValue.Text("yes")));

        var refused = Assert.Throws<CatalogValuesException>(() => SubmitLaptop(answers));

        Assert.Equal("variables", refused.ParamName);
        Assert.Equal(
            [(CatalogProblemCodes.UnknownOption, "model"), (CatalogProblemCodes.Required, "justification"), (CatalogProblemCodes.WrongKind, "express")],
            refused.Problems.Select(p => (p.Code, p.Variable)));
    }

    [Fact]
    public void The_desk_raises_a_request_with_answers_and_bad_answers_leave_the_interaction_unclassified()
    {
        var clock = NewClock();
        var interaction = Itsm.ServiceDesk.Interaction.Log(Tenant, InteractionId.New(), Fulfiller, Itsm.ServiceDesk.Channel.Portal, "caller.jones", "New laptop", clock);

        Assert.Throws<CatalogValuesException>(() =>
            Itsm.ServiceDesk.ServiceDeskIntake.RaiseServiceRequest(interaction, ServiceRequestId.New(), Fulfiller, CatalogExamples.Laptop, clock, CatalogValues.Empty));
        Assert.Equal(1, interaction.Version);

        var request = Itsm.ServiceDesk.ServiceDeskIntake.RaiseServiceRequest(interaction, ServiceRequestId.New(), Fulfiller, CatalogExamples.Laptop, clock, CatalogExamples.ValidAnswers);
        Assert.Equal("caller.jones", request.RequesterId);
        Assert.Equal(CatalogExamples.Laptop.Resolve(CatalogExamples.ValidAnswers), request.Variables);
    }

    [Fact]
    public void The_codec_round_trips_the_item_definition_and_the_answers()
    {
        var codec = new ServiceRequestCodec();
        var request = SubmitLaptop(CatalogExamples.ValidAnswers);
        string json = codec.Serialize(request);

        var loaded = codec.Deserialize(Tenant, Id.ToString(), 1, json, NewClock());

        Assert.Equal(CatalogExamples.Laptop, loaded.Item);
        Assert.Equal(request.Variables, loaded.Variables);
        Assert.Equal(json, codec.Serialize(loaded));
    }

    [Fact]
    public void A_stored_state_whose_answers_do_not_fit_its_item_is_refused_as_corrupt()
    {
        var codec = new ServiceRequestCodec();
        string json = codec.Serialize(SubmitLaptop(CatalogExamples.ValidAnswers));
        string corrupt = json.Replace("New starter in finance", new string('x', 600), StringComparison.Ordinal);

        var refused = Assert.ThrowsAny<JsonException>(() => codec.Deserialize(Tenant, Id.ToString(), 1, corrupt, NewClock()));
        Assert.Contains("'variables' do not fit catalog item 'laptop'", refused.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 200)]
    public Property Requests_with_generated_items_and_answers_round_trip_through_the_codec() =>
        Prop.ForAll(
            (from item in ItsmGenerators.CatalogItems
             from answers in ItsmGenerators.CatalogAnswers(item)
             select (item, answers)).ToArbitrary(),
            input =>
            {
                var clock = NewClock();
                var request = ServiceRequest.Submit(Tenant, Id, Requester, input.item, clock, variables: input.answers);
                CodecRoundTrip.Check(new ServiceRequestCodec(), request, clock, [], [], (_, _) => true, (_, _) => { });
                Assert.Equal(input.item.Resolve(input.answers), request.Variables);
            });

    [Fact]
    public async Task With_a_service_model_a_reference_answer_must_name_an_element_it_holds()
    {
        var store = new InMemoryAggregateStore();
        var engine = new ItsmEngine(store, ItsmAuthorizers.AllowAll, NewClock(), new ItsmEngineOptions { ServiceModel = ServiceFixtures.Model() });
        var answers = CatalogExamples.ValidAnswers.With("replaces", CatalogValue.Reference("lap-0042"));

        var refused = await Assert.ThrowsAsync<DomainRuleViolationException>(() =>
            engine.ServiceRequests.CreateAsync(Tenant, ServiceRequestId.New(), Requester, new SubmitServiceRequest(CatalogExamples.Laptop) { Variables = answers }));
        Assert.Equal(ServiceModel.UnknownReferenceCode, refused.Code);
        Assert.Contains("Configuration item 'lap-0042' is not in the service model.", refused.Message, StringComparison.Ordinal);

        var created = await engine.ServiceRequests.CreateAsync(Tenant, ServiceRequestId.New(), Requester,
            new SubmitServiceRequest(CatalogExamples.Laptop) { Variables = answers.With("replaces", CatalogValue.Reference("vm01")) });
        Assert.Equal(CatalogValue.Reference("vm01"), created.Record.Variables["replaces"]);
    }

    [Fact]
    public async Task The_engine_refuses_answers_that_do_not_fit_before_anything_is_written()
    {
        var store = new InMemoryAggregateStore();
        var engine = new ItsmEngine(store, ItsmAuthorizers.AllowAll, NewClock());
        var id = ServiceRequestId.New();

        await Assert.ThrowsAsync<CatalogValuesException>(() =>
            engine.ServiceRequests.CreateAsync(Tenant, id, Requester, new SubmitServiceRequest(CatalogExamples.Laptop) { Variables = CatalogValues.Empty }));

        Assert.Empty(await store.ReadHistoryAsync(Tenant, ServiceRequest.RecordType, id.ToString()));
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Samples.WebApi.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Itsm.Samples.WebApi.Endpoints;

/// <summary>What a command endpoint asks the engine to do: the action (as authorized and audited) and the command itself.</summary>
/// <typeparam name="TAggregate">The record type.</typeparam>
/// <param name="Action">The engine action, for example <c>PutOnHold</c>.</param>
/// <param name="Run">Runs the command on the loaded record.</param>


/// <summary>One request to a record endpoint, after the actor, tenant and body are read.</summary>
/// <param name="Http">The HTTP context.</param>
/// <param name="Engine">The engine.</param>
/// <param name="Tenant">The tenant from the route.</param>
/// <param name="Actor">The actor from the demo headers.</param>
/// <param name="Body">The JSON body.</param>
public sealed record ApiRequest(HttpContext Http, ItsmEngine Engine, TenantId Tenant, Actor Actor, RequestBody Body)
{
    /// <summary>The request's cancellation token.</summary>
    public CancellationToken Cancellation => Http.RequestAborted;
}

/// <summary>
/// The endpoints every record type shares — create, get, list, and one <c>POST</c> per command —
/// over one <see cref="AggregateService{TAggregate, TId}"/>. The record-specific modules only say how
/// to build the record, how to run each command, and how the record looks in JSON.
/// </summary>
/// <typeparam name="TAggregate">The aggregate.</typeparam>
/// <typeparam name="TId">Its id type.</typeparam>
public sealed class RecordEndpoints<TAggregate, TId>
    where TAggregate : class
{
    private readonly RouteGroupBuilder _group;
    private readonly string _collection;
    private readonly string _recordType;
    private readonly Func<ItsmEngine, AggregateService<TAggregate, TId>> _service;
    private readonly Func<Guid, TId> _id;
    private readonly Func<TAggregate, ApiCommandCatalog, object> _represent;
    private readonly ApiCommandCatalog _catalog;

    /// <summary>Creates the endpoints' builder.</summary>
    /// <param name="app">The route builder.</param>
    /// <param name="collection">The collection's path segment, for example <c>incidents</c>.</param>
    /// <param name="recordType">The engine's record type, for example <c>Incident</c>.</param>
    /// <param name="service">Picks the record type's service from the engine.</param>
    /// <param name="id">Makes an id from a GUID.</param>
    /// <param name="represent">The record as JSON.</param>
    public RecordEndpoints(IEndpointRouteBuilder app, string collection, string recordType, Func<ItsmEngine, AggregateService<TAggregate, TId>> service, Func<Guid, TId> id, Func<TAggregate, ApiCommandCatalog, object> represent)
    {
        ArgumentNullException.ThrowIfNull(app);
        _group = app.MapGroup("/tenants/{tenant}/" + collection);
        _collection = collection;
        _recordType = recordType;
        _service = service;
        _id = id;
        _represent = represent;
        _catalog = app.ServiceProvider.GetRequiredService<ApiCommandCatalog>();
    }

    /// <summary>
    /// <c>POST /tenants/{tenant}/{collection}</c>: creates a record (201, <c>Location</c>, <c>ETag</c>).
    /// With an <c>Idempotency-Key</c>, the id is derived from the key, so a retry names the same record
    /// and replays the first response instead of creating a second record.
    /// </summary>
    /// <param name="create">Reads the body and returns the creating command (the engine runs it with its clock and settings).</param>
    /// <returns>This builder.</returns>
    public RecordEndpoints<TAggregate, TId> MapCreate(Func<ApiRequest, TId, CreateCommand<TAggregate>> create)
    {
        _group.MapPost("", async (HttpContext http) =>
        {
            var request = await ReadAsync(http, withBody: true).ConfigureAwait(false);
            var options = CommandHeaders.OptionsOf(http.Request);
            if (options.ExpectedVersion is not null)
            {
                throw BadInputException.ForField("If-Match", "A record being created has no version to match; send If-Match only with commands.");
            }

            var guid = options.IdempotencyKey is { } key ? DerivedId(request.Tenant, key) : Guid.NewGuid();
            var id = _id(guid);
            var command = create(request, id);
            request.Body.EnsureNoOtherFields();
            var result = await _service(request.Engine).CreateAsync(request.Tenant, id, request.Actor, command, options, request.Cancellation).ConfigureAwait(false);
            var location = $"/tenants/{Uri.EscapeDataString(request.Tenant.Value)}/{_collection}/{guid:D}";
            Stamp(http, result.Version, result.Replayed);
            http.Response.Headers.Location = location;
            return Results.Json(_represent(result.Record, _catalog), ApiJson.Options, statusCode: StatusCodes.Status201Created);
        });
        return this;
    }

    /// <summary><c>GET /tenants/{tenant}/{collection}/{id}</c>: the record, with its version as <c>ETag</c>.</summary>
    /// <param name="version">The record's version.</param>
    /// <returns>This builder.</returns>
    public RecordEndpoints<TAggregate, TId> MapGet(Func<TAggregate, long> version)
    {
        _group.MapGet("{id}", async (HttpContext http) =>
        {
            var (request, record) = await LoadForReadAsync(http).ConfigureAwait(false);
            Stamp(http, version(record), replayed: false);
            return Results.Json(_represent(record, _catalog), ApiJson.Options);
        });
        return this;
    }

    /// <summary>
    /// <c>GET /tenants/{tenant}/{collection}/{id}/{path}</c>: something computed from the record (for
    /// example an incident's SLA status).
    /// </summary>
    /// <param name="path">The sub-path.</param>
    /// <param name="view">Computes the response.</param>
    /// <returns>This builder.</returns>
    public RecordEndpoints<TAggregate, TId> MapView(string path, Func<ApiRequest, TAggregate, Task<object>> view)
    {
        _group.MapGet("{id}/" + path, async (HttpContext http) =>
        {
            var (request, record) = await LoadForReadAsync(http).ConfigureAwait(false);
            return Results.Json(await view(request, record).ConfigureAwait(false), ApiJson.Options);
        });
        return this;
    }

    /// <summary>
    /// <c>GET /tenants/{tenant}/{collection}?state=&amp;service=&amp;assignmentGroup=&amp;openOnly=&amp;limit=</c>:
    /// the tenant's records of this type from the store's index, through the engine's authorized
    /// <see cref="AggregateService{TAggregate, TId}.QueryAsync"/>.
    /// </summary>
    /// <param name="states">The state names, to validate the <c>state</c> filter.</param>
    /// <param name="settled">
    /// The states in which the work is done but the lifecycle still active (a Resolved incident): listed with
    /// <c>isOpen: false</c>, and left out by <c>openOnly=true</c>.
    /// </param>
    /// <returns>This builder.</returns>
    public RecordEndpoints<TAggregate, TId> MapList(IReadOnlyList<string> states, params string[] settled)
    {
        _group.MapGet("", async (HttpContext http) =>
        {
            var request = await ReadAsync(http, withBody: false).ConfigureAwait(false);
            var query = http.Request.Query;
            string? state = null;
            if (Single(query, "state") is { } stateText)
            {
                state = states.FirstOrDefault(s => string.Equals(s, stateText, StringComparison.OrdinalIgnoreCase))
                    ?? throw BadInputException.ForField("state", $"The query parameter 'state' must be one of {string.Join(", ", states)}; '{stateText}' is not.");
            }

            bool openOnly = false;
            if (Single(query, "openOnly") is { } openText && !bool.TryParse(openText, out openOnly))
            {
                throw BadInputException.ForField("openOnly", $"The query parameter 'openOnly' must be true or false; '{openText}' is not.");
            }

            int limit = 100;
            if (Single(query, "limit") is { } limitText
                && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > 1000))
            {
                throw BadInputException.ForField("limit", $"The query parameter 'limit' must be a whole number from 1 to 1000; '{limitText}' is not.");
            }

            // The engine asks the authorizer (QueryRecords) before it lists: a role that may not list gets 403.
            var rows = await _service(request.Engine).QueryAsync(request.Tenant, request.Actor, new RecordQuery
            {
                State = state,
                Service = Single(query, "service"),
                AssignmentGroup = Single(query, "assignmentGroup"),
                OpenOnly = openOnly,
                Limit = limit,
            }, request.Cancellation).ConfigureAwait(false);
            var service = _service(request.Engine);
            var items = rows.Select(r => RecordSummaryJson.From(r, service.FormatNumber, settled));
            if (openOnly)
            {
                // The store's open flag is ServiceNow's "active", which a Resolved incident still is; the
                // API's isOpen is narrower, and openOnly means what isOpen says.
                items = items.Where(r => r.IsOpen);
            }

            return Results.Json(new RecordList(items.ToArray()), ApiJson.Options);
        });
        return this;
    }

    /// <summary>
    /// <c>POST /tenants/{tenant}/{collection}/{id}/{name}</c>: runs one command. <c>If-Match</c> and
    /// <c>Idempotency-Key</c> are honoured; the response is the record after the command, with its new <c>ETag</c>.
    /// </summary>
    /// <param name="name">The command's path segment, for example <c>hold</c>.</param>
    /// <param name="plan">Reads the body and says what to run.</param>
    /// <param name="actions">The engine actions the command can run (for the permitted-commands lists).</param>
    /// <returns>This builder.</returns>
    public RecordEndpoints<TAggregate, TId> MapCommand(string name, Func<ApiRequest, Task<RecordCommand<TAggregate>>> plan, params string[] actions)
    {
        _catalog.Add(_recordType, name, actions);
        _group.MapPost("{id}/" + name, async (HttpContext http) =>
        {
            var request = await ReadAsync(http, withBody: true).ConfigureAwait(false);
            var id = IdOf(http, request.Tenant);
            var options = CommandHeaders.OptionsOf(http.Request);
            var command = await plan(request).ConfigureAwait(false);
            request.Body.EnsureNoOtherFields();
            var result = await _service(request.Engine).ExecuteAsync(request.Tenant, id, request.Actor, command, options, request.Cancellation).ConfigureAwait(false);
            Stamp(http, result.Version, result.Replayed);
            return Results.Json(_represent(result.Record, _catalog), ApiJson.Options);
        });
        return this;
    }

    /// <summary>A command whose plan needs no I/O.</summary>
    /// <param name="name">The command's path segment.</param>
    /// <param name="plan">Reads the body and says what to run.</param>
    /// <param name="actions">The engine actions the command can run.</param>
    /// <returns>This builder.</returns>
    public RecordEndpoints<TAggregate, TId> MapCommand(string name, Func<ApiRequest, RecordCommand<TAggregate>> plan, params string[] actions) =>
        MapCommand(name, r => Task.FromResult(plan(r)), actions);

    /// <summary>
    /// <c>POST .../{id}/assign</c> with <c>group</c> and/or <c>assignee</c> (at least one; neither is a
    /// 400 naming <c>group</c>), and <c>POST .../{id}/unassign</c> with no body: the assignment commands
    /// incidents, problems and service requests share.
    /// </summary>
    /// <param name="assign">Makes the assign command from the group and the assignee.</param>
    /// <param name="assignAction">Its engine action, for example <c>Assign</c>.</param>
    /// <param name="unassign">Makes the unassign command.</param>
    /// <param name="unassignAction">Its engine action, for example <c>Unassign</c>.</param>
    /// <returns>This builder.</returns>
    public RecordEndpoints<TAggregate, TId> MapAssignment(Func<string?, string?, RecordCommand<TAggregate>> assign, string assignAction, Func<RecordCommand<TAggregate>> unassign, string unassignAction)
    {
        ArgumentNullException.ThrowIfNull(assign);
        ArgumentNullException.ThrowIfNull(unassign);
        MapCommand("assign", r =>
        {
            var group = r.Body.OptionalString("group");
            var assignee = r.Body.OptionalString("assignee");
            // The domain refuses this too (an ArgumentException naming group); saying it here names both fields.
            if (group is null && assignee is null)
            {
                throw BadInputException.ForField("group", "An assignment needs 'group', 'assignee' or both; to clear it, use unassign.");
            }

            return assign(group, assignee);
        }, assignAction);
        return MapCommand("unassign", _ => unassign(), unassignAction);
    }

    private async Task<(ApiRequest Request, TAggregate Record)> LoadForReadAsync(HttpContext http)
    {
        var request = await ReadAsync(http, withBody: false).ConfigureAwait(false);
        var text = http.Request.RouteValues["id"]?.ToString() ?? string.Empty;
        var service = _service(request.Engine);

        // A read may name the record by its ticket number (GET .../incidents/INC0000042) as people say it.
        if (request.Engine.Options.TicketNumbers.TryParse(text, out var type, out _))
        {
            var numbered = string.Equals(type, _recordType, StringComparison.Ordinal)
                ? await service.FindByNumberAsync(request.Tenant, text, request.Actor, request.Cancellation).ConfigureAwait(false)
                : null;
            return (request, numbered ?? throw new AggregateNotFoundException(request.Tenant, _recordType, text));
        }

        var id = IdOf(http, request.Tenant);
        // The engine asks the authorizer (ReadRecord, with the record) before it returns it: 403 when refused.
        var record = await service.GetAsync(request.Tenant, id, request.Actor, request.Cancellation).ConfigureAwait(false);
        return (request, record);
    }

    private static async Task<ApiRequest> ReadAsync(HttpContext http, bool withBody)
    {
        var actor = DemoAuthentication.ActorOf(http.Request);
        var tenant = TenantOf(http);
        var body = withBody ? await RequestBody.ReadAsync(http.Request, http.RequestAborted).ConfigureAwait(false) : RequestBody.Parse(string.Empty);
        return new ApiRequest(http, http.RequestServices.GetRequiredService<ItsmEngine>(), tenant, actor, body);
    }

    private static TenantId TenantOf(HttpContext http)
    {
        var text = http.Request.RouteValues["tenant"]?.ToString() ?? string.Empty;
        try
        {
            return new TenantId(text);
        }
        catch (ArgumentException)
        {
            throw BadInputException.ForField("tenant", "The tenant in the path must be a non-blank id of at most 100 characters.");
        }
    }

    private TId IdOf(HttpContext http, TenantId tenant)
    {
        var text = http.Request.RouteValues["id"]?.ToString() ?? string.Empty;
        if (!Guid.TryParseExact(text, "D", out var guid) || guid == Guid.Empty)
        {
            // Ids are GUIDs: anything else names no record.
            throw new AggregateNotFoundException(tenant, _recordType, text);
        }

        return _id(guid);
    }

    private static string? Single(IQueryCollection query, string name)
    {
        var values = query[name];
        if (values.Count > 1)
        {
            throw BadInputException.ForField(name, $"The query parameter '{name}' may be given once.");
        }

        return values.Count == 1 && !string.IsNullOrWhiteSpace(values[0]) ? values[0] : null;
    }

    private static void Stamp(HttpContext http, long version, bool replayed)
    {
        http.Response.Headers.ETag = CommandHeaders.ETagOf(version);
        if (replayed)
        {
            http.Response.Headers[CommandHeaders.ReplayedHeader] = "true";
        }
    }

    // The engine's idempotency fingerprint covers the record id, so a retried create must name the
    // same id as the first attempt: derive it from (tenant, record type, key).
    private Guid DerivedId(TenantId tenant, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(tenant.Value, "\n", _recordType, "\n", key)));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50); // version 5 (name-based, SHA) in the little-endian layout Guid uses
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }
}

/// <summary>A list of records.</summary>
/// <param name="Items">The records.</param>
public sealed record RecordList(IReadOnlyList<RecordSummaryJson> Items);

/// <summary>
/// One row of a list: a record's indexed fields, in the shapes the record itself uses (its number, its
/// priority as <c>{ value, name }</c>).
/// </summary>
/// <param name="Id">The record id.</param>
/// <param name="Number">The ticket number people say (for example <c>INC0000042</c>).</param>
/// <param name="Version">The version.</param>
/// <param name="State">The state.</param>
/// <param name="IsOpen">
/// Whether work on it is outstanding: false once it is resolved (a Resolved incident or problem, a
/// Fulfilled request), closed or canceled.
/// </param>
/// <param name="IsActive">
/// Whether its lifecycle still accepts commands (ServiceNow's <c>active</c>): a Resolved incident is active,
/// since it may still reopen or close, but not open.
/// </param>
/// <param name="Service">The service.</param>
/// <param name="AssignmentGroup">The assignment group.</param>
/// <param name="Priority">The priority, as on the record; null when the record type has none.</param>
/// <param name="OpenedAt">When it was opened.</param>
/// <param name="SlaDueAt">The next SLA threshold of its running clocks, as of its last save.</param>
public sealed record RecordSummaryJson(
    string Id,
    string? Number,
    long Version,
    string State,
    bool IsOpen,
    bool IsActive,
    string? Service,
    string? AssignmentGroup,
    PriorityJson? Priority,
    Instant OpenedAt,
    Instant? SlaDueAt)
{
    /// <summary>The row of a summary.</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="number">Formats the stored number as the engine shows it.</param>
    /// <param name="settled">The states in which the record type's work is done but its lifecycle still active (Resolved, Fulfilled).</param>
    /// <returns>The row.</returns>
    public static RecordSummaryJson From(RecordSummary summary, Func<long, string> number, IReadOnlyCollection<string> settled)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(number);
        ArgumentNullException.ThrowIfNull(settled);
        var index = summary.Index;
        return new(
            summary.RecordId,
            summary.Number > 0 ? number(summary.Number) : null,
            summary.Version,
            index.State,
            index.IsOpen && !settled.Contains(index.State),
            index.IsOpen,
            index.Service,
            index.AssignmentGroup,
            index.Priority is { } priority ? PriorityJson.From(new Priority(priority)) : null,
            index.OpenedAt,
            index.SlaDueAt);
    }
}

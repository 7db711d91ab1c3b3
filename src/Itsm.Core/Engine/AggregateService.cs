using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Diagnostics;
using Itsm.Persistence;
using Itsm.Sla;
using NodaTime;
using Itsm.Text;

namespace Itsm.Engine;

/// <summary>
/// The application service of one record type: it reads records on behalf of an actor, and runs a command end to end —
/// load, authorize, execute, save, publish — so a host's endpoint is one call.
/// </summary>
/// <typeparam name="TAggregate">The aggregate, for example <see cref="Itsm.Incidents.Incident"/>.</typeparam>
/// <typeparam name="TId">Its id type, for example <see cref="IncidentId"/>.</typeparam>
/// <remarks>
/// <para>A command runs in this order, and nothing is written unless every step succeeds:</para>
/// <list type="number">
/// <item>Arguments are checked (<see cref="ArgumentException"/>).</item>
/// <item>With an idempotency key already used by the tenant: the same target, command and arguments
/// return the first result (<see cref="CommandResult{TAggregate}.Replayed"/>) once the authorizer allows the
/// actor the command; anything else fails with <see cref="IdempotencyConflictException"/>.</item>
/// <item>The record is loaded (<see cref="AggregateNotFoundException"/>, <see cref="CorruptRecordException"/>);
/// with <see cref="CommandOptions.ExpectedVersion"/> its version must match (<see cref="ConcurrencyException"/>).</item>
/// <item>The <see cref="IItsmAuthorizer"/> is asked; a denial or a failure refuses the command
/// (<see cref="ItsmAuthorizationException"/>): the service fails closed.</item>
/// <item>The command runs on the loaded record; a refused transition or broken rule throws as the
/// aggregate documents. The object the authorizer saw is the one that runs: what was authorized
/// is what ran, by construction.</item>
/// <item>The new state, index (with the SLA due instant) and audit entries are saved in one
/// transaction with the version loaded; a concurrent change gives <see cref="ConcurrencyException"/>,
/// which is always safe to retry by calling again.</item>
/// <item>After the commit, the audit entries are published to the <see cref="IDomainEventPublisher"/>.</item>
/// </list>
/// <para>Reads and saves ask the authorizer too, failing closed the same way: <see cref="GetAsync"/> and
/// <see cref="FindAsync"/> with <see cref="ReadRecord"/>, <see cref="QueryAsync"/> with <see cref="QueryRecords"/>,
/// <see cref="ReadHistoryAsync"/> with <see cref="ReadHistory"/>, <see cref="SaveAsync"/> with
/// <see cref="SaveRecord"/>. Only the raw store (<see cref="ItsmEngine.Store"/>) asks no one.</para>
/// <para>Thread-safe: it holds no per-command state. A record it returns belongs to the caller.</para>
/// </remarks>
public sealed partial class AggregateService<TAggregate, TId>
    where TAggregate : class
{
    private readonly IAggregateCodec<TAggregate, TId> _codec;
    private readonly IAggregateStore _store;
    private readonly IItsmAuthorizer _authorizer;
    private readonly IDomainEventPublisher _publisher;
    private readonly IClock _clock;
    private readonly SlaDueCalculator _sla;
    private readonly TicketNumbering _numbering;

    // Guid.Empty as ids format it (Guid.ToString allocates a new string on every call).
    private const string EmptyGuidText = "00000000-0000-0000-0000-000000000000";

    // This record type's ticket number prefix, resolved once: every load of a numbered record formats its number.
    private readonly string? _prefix;
    private readonly WrittenLedgers _ledgers = new();

    internal AggregateService(IAggregateCodec<TAggregate, TId> codec, IAggregateStore store, IItsmAuthorizer authorizer, IDomainEventPublisher publisher, IClock clock, SlaDueCalculator sla, TicketNumbering numbering)
    {
        _numbering = numbering;
        _codec = codec;
        _prefix = numbering.PrefixOf(codec.RecordType);
        _store = store;
        _authorizer = authorizer;
        _publisher = publisher;
        _clock = clock;
        _sla = sla;
    }

    /// <summary>The record type this service handles, for example <c>"Incident"</c>.</summary>
    public string RecordType => _codec.RecordType;

    /// <summary>Loads a record on behalf of an actor, who must be allowed to read it.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The record's id.</param>
    /// <param name="actor">Who reads it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record, at its stored version, with no uncommitted audit entries.</returns>
    /// <remarks>
    /// The authorizer is asked with <see cref="ReadRecord"/> after the load, the record in
    /// <see cref="ItsmResource.Record"/>. When the record does not exist it is asked all the same, with
    /// <see cref="ItsmResource.Record"/> null, before the absence is reported: an actor who may not read gets
    /// <see cref="ItsmAuthorizationException"/> whether or not the id exists.
    /// </remarks>
    /// <exception cref="ArgumentException">The tenant, id or actor is missing.</exception>
    /// <exception cref="ItsmAuthorizationException">The authorizer refused or failed.</exception>
    /// <exception cref="AggregateNotFoundException">The tenant has no such record (and the actor may read records of this type).</exception>
    /// <exception cref="CorruptRecordException">The stored state cannot be read.</exception>
    public async Task<TAggregate> GetAsync(TenantId tenant, TId id, Actor actor, CancellationToken cancellationToken = default)
    {
        var recordId = CheckKey(tenant, id);
        Guard.Against.Null(actor);
        return await ReadAsync(tenant, recordId, actor, cancellationToken).ConfigureAwait(false)
            ?? throw new AggregateNotFoundException(tenant, RecordType, recordId);
    }

    /// <summary>Loads a record if it exists, on behalf of an actor, who must be allowed to read it.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The record's id.</param>
    /// <param name="actor">Who reads it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record, or <see langword="null"/> when the tenant has no such record.</returns>
    /// <remarks>Authorized as <see cref="GetAsync"/> is: a missing record is reported only to an actor the authorizer lets read with no record.</remarks>
    /// <exception cref="ArgumentException">The tenant, id or actor is missing.</exception>
    /// <exception cref="ItsmAuthorizationException">The authorizer refused or failed.</exception>
    /// <exception cref="CorruptRecordException">The stored state cannot be read.</exception>
    public Task<TAggregate?> FindAsync(TenantId tenant, TId id, Actor actor, CancellationToken cancellationToken = default)
    {
        var recordId = CheckKey(tenant, id);
        Guard.Against.Null(actor);
        return ReadAsync(tenant, recordId, actor, cancellationToken);
    }

    /// <summary>
    /// Loads a record by its ticket number (<c>INC0000042</c>, or <c>inc42</c>: the prefix in any case, leading
    /// zeros optional) if it exists, on behalf of an actor, who must be allowed to read it.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="number">The number, with this record type's prefix (<see cref="ItsmEngineOptions.TicketNumbers"/>).</param>
    /// <param name="actor">Who reads it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record, or <see langword="null"/> when the tenant has no record of this type with this number.</returns>
    /// <remarks>Authorized as <see cref="FindAsync"/> is: with <see cref="ReadRecord"/>, the record (or null) in <see cref="ItsmResource.Record"/>.</remarks>
    /// <exception cref="ArgumentException">The tenant or actor is missing, or <paramref name="number"/> is not a number of this record type (the message names the type it is one of, if any).</exception>
    /// <exception cref="ItsmAuthorizationException">The authorizer refused or failed.</exception>
    /// <exception cref="CorruptRecordException">The stored state cannot be read.</exception>
    public async Task<TAggregate?> FindByNumberAsync(TenantId tenant, string number, Actor actor, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckTenant(tenant);
        Guard.Against.Null(actor);
        if (!_numbering.TryParse(number, out var type, out var value))
        {
            throw new ArgumentException($"'{Bounded(number)}' is not a ticket number: a prefix such as '{_numbering.Prefixes[RecordType]}' and 1 to {TicketNumbering.MaxDigits} digits, not all zero.", nameof(number));
        }

        if (!string.Equals(type, RecordType, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{Bounded(number)}' is a number of type {type}; this service reads {RecordType} records.", nameof(number));
        }

        var stored = await _store.LoadByNumberAsync(tenant, RecordType, value, cancellationToken).ConfigureAwait(false);
        var record = stored is null ? null : Decode(tenant, stored);
        await _authorizer.AuthorizeAsync(actor, new ReadRecord(), new ItsmResource(tenant, RecordType, stored?.RecordId, record), cancellationToken).ConfigureAwait(false);
        return record;
    }

    /// <summary>A record's ticket number as this engine shows it (<c>INC0000042</c>), from the number its store keeps.</summary>
    /// <param name="number">The stored number (<see cref="StoredAggregate.Number"/>, <see cref="RecordSummary.Number"/>): 1 or more.</param>
    /// <returns>The formatted number.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="number"/> is below 1.</exception>
    public string FormatNumber(long number) => _numbering.Format(RecordType, number);

    // A number typed by a user ends up in an error message: quote a bounded prefix of it only.
    private static string Bounded(string? text) =>
        text is null ? "(null)" : text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    /// <summary>Lists the tenant's records of this type from the store's index, on behalf of an actor.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="actor">Who lists them.</param>
    /// <param name="query">
    /// Filters and limit (<see cref="RecordQuery"/>); <see langword="null"/> for every record of the type. Its
    /// <see cref="RecordQuery.RecordType"/> may be left null (the service sets its own) or name this type.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The matching records' summaries (id, version, indexed fields), ordered as <see cref="IAggregateStore.QueryAsync"/> documents.</returns>
    /// <remarks>The authorizer is asked with <see cref="QueryRecords"/> carrying the query as it will run; the resource names the tenant and record type.</remarks>
    /// <exception cref="ArgumentException">The tenant or actor is missing, or the query names another record type or is invalid.</exception>
    /// <exception cref="ItsmAuthorizationException">The authorizer refused or failed.</exception>
    public async Task<IReadOnlyList<RecordSummary>> QueryAsync(TenantId tenant, Actor actor, RecordQuery? query = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckTenant(tenant);
        Guard.Against.Null(actor);
        if (query?.RecordType is { } type && !string.Equals(type, RecordType, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The {RecordType} service lists {RecordType} records only, not '{QuotedText.Of(type)}'.", nameof(query));
        }

        query = (query ?? new RecordQuery()) with { RecordType = RecordType };
        StoreArguments.CheckQuery(query);
        await _authorizer.AuthorizeAsync(actor, new QueryRecords(query), new ItsmResource(tenant, RecordType, null, null), cancellationToken).ConfigureAwait(false);
        return await _store.QueryAsync(tenant, query, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a record's audit history (one entry per accepted command, by version), on behalf of an actor.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The record's id.</param>
    /// <param name="actor">Who reads it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries, oldest first, each with its typed <see cref="AuditEntry.Event"/>; empty when the record does not exist.</returns>
    /// <remarks>
    /// The record is loaded first and the authorizer asked with <see cref="ReadHistory"/>, the record in
    /// <see cref="ItsmResource.Record"/> (null when it does not exist), so a rule that lets an actor read a
    /// record decides about its history on the same facts. Work notes and time worked keep their place but lose
    /// their content (<see cref="Itsm.Journal.JournalEntryWithheld"/>) unless the authorizer also allows
    /// <see cref="ReadWorkNotes"/> (docs/journal.md).
    /// </remarks>
    /// <exception cref="ArgumentException">The tenant, id or actor is missing.</exception>
    /// <exception cref="ItsmAuthorizationException">The authorizer refused or failed.</exception>
    /// <exception cref="CorruptRecordException">The record's stored state cannot be read.</exception>
    public async Task<IReadOnlyList<AuditEntry>> ReadHistoryAsync(TenantId tenant, TId id, Actor actor, CancellationToken cancellationToken = default)
    {
        var recordId = CheckKey(tenant, id);
        Guard.Against.Null(actor);
        var record = await LoadAsync(tenant, recordId, cancellationToken).ConfigureAwait(false);
        var resource = new ItsmResource(tenant, RecordType, recordId, record);
        await _authorizer.AuthorizeAsync(actor, new ReadHistory(), resource, cancellationToken).ConfigureAwait(false);
        var history = await _store.ReadHistoryAsync(tenant, RecordType, recordId, cancellationToken).ConfigureAwait(false);
        return await _authorizer.VisibleAsync(actor, resource, history, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a record on behalf of an actor: authorize, create, save, publish.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The new record's id.</param>
    /// <param name="actor">Who creates it.</param>
    /// <param name="command">The creating command (for example <see cref="Itsm.Incidents.OpenIncident"/>); the authorizer is asked about it, and it runs with the engine's clock and settings.</param>
    /// <param name="options">
    /// Idempotency key; <see cref="CommandOptions.ExpectedVersion"/> must be null or 0. A create's
    /// fingerprint covers the record type and the command's arguments but not the id, so a retry with a
    /// new id returns the record the key first created.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new record at version 1 (or the first run's result for a replay), with its events.</returns>
    /// <exception cref="ArgumentException">An argument is missing, or the command's arguments are invalid (the exception names the argument).</exception>
    /// <exception cref="ItsmAuthorizationException">The authorizer refused or failed.</exception>
    /// <exception cref="DomainRuleViolationException">The command breaks a rule.</exception>
    /// <exception cref="ConcurrencyException">A record with this id exists.</exception>
    /// <exception cref="IdempotencyConflictException">The key was used for something else.</exception>
    public Task<CommandResult<TAggregate>> CreateAsync(TenantId tenant, TId id, Actor actor, CreateCommand<TAggregate> command, CommandOptions? options = null, CancellationToken cancellationToken = default) =>
        command is null || !EngineTelemetry.IsEnabled
            ? CreateCoreAsync(tenant, id, actor, command!, options, cancellationToken)
            : Telemetry.ObserveAsync(RecordType, command.Name, tenant, FormatIdOrNull(id), (this, tenant, id, actor, command, options, cancellationToken), static s => s.Item1.CreateCoreAsync(s.tenant, s.id, s.actor, s.command, s.options, s.cancellationToken), Replayed);

    private async Task<CommandResult<TAggregate>> CreateCoreAsync(TenantId tenant, TId id, Actor actor, CreateCommand<TAggregate> command, CommandOptions? options, CancellationToken cancellationToken)
    {
        var recordId = CheckKey(tenant, id);
        Guard.Against.Null(actor);
        Guard.Against.Null(command);
        options ??= Default;
        if (options.ExpectedVersion is { } expected && expected != 0)
        {
            throw new ArgumentException("A record being created has no version to expect but 0.", nameof(options));
        }

        // A create's fingerprint leaves the id out: a client that retries a create whose response it
        // lost may well send a freshly generated id, and must get the first record back.
        var key = KeyFor(options, NewRecord, command);
        if (await ReplayAsync(tenant, actor, command, isCreate: true, key, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        await _authorizer.AuthorizeAsync(actor, command, new ItsmResource(tenant, RecordType, recordId, null), cancellationToken).ConfigureAwait(false);
        await CheckReferencesAsync(tenant, command, cancellationToken).ConfigureAwait(false);
        var record = _codec.Create(command, tenant, id, actor, _clock);
        RecordCheck?.After(RecordCheck.Before(null), record);
        return await CommitAsync(tenant, record, key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a command on a record on behalf of an actor: load, authorize, execute, save, publish.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The record's id.</param>
    /// <param name="actor">Who issues the command.</param>
    /// <param name="command">The command (for example <c>new ResolveIncident(IncidentResolutionCode.Fixed, "Restarted the mail relay")</c>); the authorizer is asked about this very object, and it is what runs.</param>
    /// <param name="options">Idempotency key, and the version the caller expects.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record after the command, its version, and the events written.</returns>
    /// <exception cref="ArgumentException">An argument is missing, or the command's arguments are invalid (the exception names the argument).</exception>
    /// <exception cref="AggregateNotFoundException">The tenant has no such record.</exception>
    /// <exception cref="CorruptRecordException">The stored state cannot be read.</exception>
    /// <exception cref="ItsmAuthorizationException">The authorizer refused or failed.</exception>
    /// <exception cref="InvalidTransitionException">The record's state does not permit the command.</exception>
    /// <exception cref="DomainRuleViolationException">The command breaks a rule.</exception>
    /// <exception cref="ConcurrencyException">The record is not at the expected version, or changed during the command.</exception>
    /// <exception cref="IdempotencyConflictException">The key was used for something else.</exception>
    public Task<CommandResult<TAggregate>> ExecuteAsync(TenantId tenant, TId id, Actor actor, RecordCommand<TAggregate> command, CommandOptions? options = null, CancellationToken cancellationToken = default) =>
        command is null || !EngineTelemetry.IsEnabled
            ? ExecuteCoreAsync(tenant, id, actor, command!, options, cancellationToken)
            : Telemetry.ObserveAsync(RecordType, command.Name, tenant, FormatIdOrNull(id), (this, tenant, id, actor, command, options, cancellationToken), static s => s.Item1.ExecuteCoreAsync(s.tenant, s.id, s.actor, s.command, s.options, s.cancellationToken), Replayed);

    private async Task<CommandResult<TAggregate>> ExecuteCoreAsync(TenantId tenant, TId id, Actor actor, RecordCommand<TAggregate> command, CommandOptions? options, CancellationToken cancellationToken)
    {
        var recordId = CheckKey(tenant, id);
        Guard.Against.Null(actor);
        Guard.Against.Null(command);
        options ??= Default;
        if (options.ExpectedVersion is { } expectedVersion)
        {
            Guard.Against.Negative(expectedVersion, nameof(options) + "." + nameof(CommandOptions.ExpectedVersion));
        }

        var key = KeyFor(options, recordId, command);
        if (await ReplayAsync(tenant, actor, command, isCreate: false, key, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        var references = Itsm.Services.ServiceModelReferences.Of(command);
        var (found, model) = await LoadForCommandAsync(tenant, recordId, references, cancellationToken).ConfigureAwait(false);
        var record = found ?? throw new AggregateNotFoundException(tenant, RecordType, recordId);
        var loadedVersion = _codec.VersionOf(record);
        if (options.ExpectedVersion is { } expected && expected != loadedVersion)
        {
            throw new ConcurrencyException(tenant, RecordType, recordId, expected, loadedVersion);
        }

        await _authorizer.AuthorizeAsync(actor, command, new ItsmResource(tenant, RecordType, recordId, record), cancellationToken).ConfigureAwait(false);
        await CheckReferencesAsync(tenant, command, references, model, cancellationToken).ConfigureAwait(false);
        var before = RecordCheck?.Before(record);
        command.Run(record, actor);
        if (_codec.UncommittedOf(record).Count == 0)
        {
            // Every record command records an entry or throws; nothing to write otherwise.
            return new CommandResult<TAggregate>(record, loadedVersion, Replayed: false, []);
        }

        RecordCheck?.After(before, record);

        return await CommitAsync(tenant, record, key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs one command on several records of this type on behalf of an actor, all or nothing: each
    /// record is loaded and the authorizer asked about it, the command runs on each, and every record is
    /// saved in one unit of work (a bulk resolve, a bulk reassignment). If any record is missing, refused
    /// or refuses the command, or changes concurrently, nothing is written.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="ids">The records, each once; 1 to <see cref="UnitOfWork.MaxWrites"/>. Their entries are appended in this order.</param>
    /// <param name="actor">Who issues the command.</param>
    /// <param name="command">The command, run on every record.</param>
    /// <param name="options">
    /// An idempotency key for the whole operation (its fingerprint covers the records in the order given, the command and its
    /// arguments); <see cref="CommandOptions.ExpectedVersion"/> must be null (each record is taken at the version loaded).
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The records written with their new versions, and the events, in order.</returns>
    /// <exception cref="ArgumentException">An argument is missing, an id is listed twice, there are none or too many, or an expected version was given.</exception>
    /// <exception cref="AggregateNotFoundException">A record does not exist.</exception>
    /// <exception cref="ItsmAuthorizationException">The authorizer refused or failed for a record.</exception>
    /// <exception cref="InvalidTransitionException">A record's state does not permit the command.</exception>
    /// <exception cref="DomainRuleViolationException">The command breaks a rule on a record.</exception>
    /// <exception cref="ConcurrencyException">A record changed during the operation; safe to retry by calling again.</exception>
    /// <exception cref="IdempotencyConflictException">The key was used for something else.</exception>
    public Task<UnitOfWorkResult> ExecuteAllAsync(TenantId tenant, IEnumerable<TId> ids, Actor actor, RecordCommand<TAggregate> command, CommandOptions? options = null, CancellationToken cancellationToken = default) =>
        command is null || !EngineTelemetry.IsEnabled
            ? ExecuteAllCoreAsync(tenant, ids, actor, command!, options, cancellationToken)
            : Telemetry.ObserveAsync(RecordType, command.Name, tenant, null, (this, tenant, ids, actor, command, options, cancellationToken), static s => s.Item1.ExecuteAllCoreAsync(s.tenant, s.ids, s.actor, s.command, s.options, s.cancellationToken), EngineTelemetry.Replayed);

    private async Task<UnitOfWorkResult> ExecuteAllCoreAsync(TenantId tenant, IEnumerable<TId> ids, Actor actor, RecordCommand<TAggregate> command, CommandOptions? options, CancellationToken cancellationToken)
    {
        StoreArguments.CheckTenant(tenant);
        Guard.Against.Null(ids);
        Guard.Against.Null(actor);
        Guard.Against.Null(command);
        options ??= Default;
        if (options.ExpectedVersion is not null)
        {
            throw new ArgumentException("An operation over several records takes each at the version it loads; expect no version.", nameof(options));
        }

        var recordIds = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var recordId = CheckKey(tenant, id);
            if (!seen.Add(recordId))
            {
                throw new ArgumentException($"{RecordType} '{Itsm.Text.QuotedText.Of(recordId)}' is listed more than once.", nameof(ids));
            }

            if (recordIds.Count == UnitOfWork.MaxWrites)
            {
                throw new ArgumentException($"At most {UnitOfWork.MaxWrites} records can change in one operation.", nameof(ids));
            }

            recordIds.Add(recordId);
        }

        if (recordIds.Count == 0)
        {
            throw new ArgumentException("Name at least one record.", nameof(ids));
        }

        var key = KeyFor(options, string.Join("\n", recordIds), command);
        if (await PendingUnit.ReplayAsync(_store, tenant, key, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        var records = new List<TAggregate>(recordIds.Count);
        foreach (var recordId in recordIds)
        {
            var record = await LoadAsync(tenant, recordId, cancellationToken).ConfigureAwait(false)
                ?? throw new AggregateNotFoundException(tenant, RecordType, recordId);
            await AuthorizeAsync(actor, command, new ItsmResource(tenant, RecordType, recordId, record), cancellationToken).ConfigureAwait(false);
            records.Add(record);
        }

        await CheckReferencesAsync(tenant, command, cancellationToken).ConfigureAwait(false);
        var unit = new PendingUnit();
        foreach (var record in records)
        {
            var before = RecordCheck?.Before(record);
            command.Run(record, actor);
            RecordCheck?.After(before, record);
            unit.Add(this, record, key);
        }

        return await unit.CommitAsync(_store, _publisher, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where commands are traced and measured; the engine sets its own (with its tenant setting).</summary>
    internal EngineTelemetry Telemetry { get; set; } = EngineTelemetry.Default;

    private static readonly Func<CommandResult<TAggregate>, bool> Replayed = static result => result.Replayed;

    /// <summary>The store (for operations over several records).</summary>
    internal IAggregateStore Store => _store;

    /// <summary>Where committed events go (for operations over several records).</summary>
    internal IDomainEventPublisher Publisher => _publisher;

    private static readonly CommandOptions Default = new();

    // Stands for the record id in the fingerprint of a create (not a valid id of any record type).
    private const string NewRecord = "(new)";

    /// <summary>The codec (for operations over several records).</summary>
    internal IAggregateCodec<TAggregate, TId> Codec => _codec;

    /// <summary>Asks the authorizer, failing closed (for operations over several records).</summary>
    internal ValueTask AuthorizeAsync(Actor actor, ItsmOperation operation, ItsmResource resource, CancellationToken cancellationToken) =>
        _authorizer.AuthorizeAsync(actor, operation, resource, cancellationToken);

    private async Task<CommandResult<TAggregate>?> ReplayAsync(TenantId tenant, Actor actor, ItsmCommand command, bool isCreate, IdempotencyKey? key, CancellationToken cancellationToken)
    {
        if (key is not { } k)
        {
            return null;
        }

        var first = await _store.FindIdempotencyKeyAsync(tenant, k.Key, cancellationToken).ConfigureAwait(false);
        if (first is null)
        {
            return null;
        }

        if (!string.Equals(first.Fingerprint, k.Fingerprint, StringComparison.Ordinal))
        {
            throw new IdempotencyConflictException(tenant, k.Key);
        }

        var current = await LoadAsync(tenant, first.RecordId, cancellationToken).ConfigureAwait(false)
            ?? throw new AggregateNotFoundException(tenant, RecordType, first.RecordId);

        // A replay hands out the record, so the caller must be allowed the command it repeats, as the
        // first caller was: a key and payload seen elsewhere are no way round the authorizer.
        await _authorizer.AuthorizeAsync(actor, command, new ItsmResource(tenant, RecordType, first.RecordId, isCreate ? null : current), cancellationToken).ConfigureAwait(false);
        return new CommandResult<TAggregate>(current, first.Version, Replayed: true, []);
    }

    private async Task<TAggregate?> ReadAsync(TenantId tenant, string recordId, Actor actor, CancellationToken cancellationToken)
    {
        var record = await LoadAsync(tenant, recordId, cancellationToken).ConfigureAwait(false);
        await _authorizer.AuthorizeAsync(actor, new ReadRecord(), new ItsmResource(tenant, RecordType, recordId, record), cancellationToken).ConfigureAwait(false);
        return record;
    }

    private async Task PublishAsync(IReadOnlyList<AuditEntry> events, CancellationToken cancellationToken)
    {
        if (events.Count > 0)
        {
            await _publisher.PublishAsync(events, cancellationToken).ConfigureAwait(false);
        }
    }

    internal async ValueTask<TAggregate?> LoadAsync(TenantId tenant, string recordId, CancellationToken cancellationToken)
    {
        var stored = await _store.LoadAsync(tenant, RecordType, recordId, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : Decode(tenant, stored);
    }

    private TAggregate Decode(TenantId tenant, StoredAggregate stored)
    {
        TAggregate record;
        try
        {
            // The state this service just wrote comes back with its SLA ledger known: it is not read again.
            record = _ledgers.Find(stored) is { } known
                ? SlaLedgerJson.WithKnownLedger(known, (this, stored), static s => s.Item1._codec.Deserialize(s.stored.Tenant, s.stored.RecordId, s.stored.Version, s.stored.Text, s.Item1._clock))
                : _codec.Deserialize(stored.Tenant, stored.RecordId, stored.Version, stored.Text, _clock);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            throw new CorruptRecordException(tenant, RecordType, stored.RecordId, ex.Message, ex);
        }

        if (stored.Number > 0 && _prefix is not null)
        {
            _codec.SetNumber(record, TicketNumbering.Format(_prefix, _numbering.Digits, stored.Number));
        }

        return record;
    }

    internal IdempotencyKey? KeyFor(CommandOptions options, string recordId, ItsmCommand command) =>
        options.IdempotencyKey is null
            ? null
            : IdempotencyKey.For(options.IdempotencyKey, RecordType, recordId, command.Name, CommandArguments.Of(command));

    /// <summary>The record id of <paramref name="id"/> for a trace, without checking it.</summary>
    internal string? FormatIdOrNull(TId id) => id is null ? null : _codec.FormatId(id);

    internal string CheckKey(TenantId tenant, TId id)
    {
        StoreArguments.CheckTenant(tenant);
        Guard.Against.Null(id);
        var recordId = _codec.FormatId(id);
        if (string.IsNullOrWhiteSpace(recordId) || recordId == EmptyGuidText)
        {
            throw new ArgumentException($"The {RecordType} id must not be empty.", nameof(id));
        }

        return recordId;
    }
}

using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Persistence;
using NodaTime;

namespace Itsm.Engine;

/// <summary>
/// The application service of one record type: it loads records, and runs a command end to end —
/// load, authorize, execute, save, publish — so a host's endpoint is one call.
/// </summary>
/// <typeparam name="TAggregate">The aggregate, for example <see cref="Itsm.Incidents.Incident"/>.</typeparam>
/// <typeparam name="TId">Its id type, for example <see cref="IncidentId"/>.</typeparam>
/// <remarks>
/// <para>A command runs in this order, and nothing is written unless every step succeeds:</para>
/// <list type="number">
/// <item>Arguments are checked (<see cref="ArgumentException"/>).</item>
/// <item>With an idempotency key already used by the tenant: the same target, command and arguments
/// return the first result (<see cref="CommandResult{TAggregate}.Replayed"/>); anything else fails with
/// <see cref="IdempotencyConflictException"/>.</item>
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
/// <para>Thread-safe: it holds no per-command state. A record it returns belongs to the caller.</para>
/// </remarks>
public sealed class AggregateService<TAggregate, TId>
    where TAggregate : class
{
    private readonly IAggregateCodec<TAggregate, TId> _codec;
    private readonly IAggregateStore _store;
    private readonly IItsmAuthorizer _authorizer;
    private readonly IDomainEventPublisher _publisher;
    private readonly IClock _clock;
    private readonly SlaDueCalculator _sla;

    internal AggregateService(IAggregateCodec<TAggregate, TId> codec, IAggregateStore store, IItsmAuthorizer authorizer, IDomainEventPublisher publisher, IClock clock, SlaDueCalculator sla)
    {
        _codec = codec;
        _store = store;
        _authorizer = authorizer;
        _publisher = publisher;
        _clock = clock;
        _sla = sla;
    }

    /// <summary>The record type this service handles, for example <c>"Incident"</c>.</summary>
    public string RecordType => _codec.RecordType;

    /// <summary>Loads a record.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The record's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record, at its stored version, with no uncommitted audit entries.</returns>
    /// <exception cref="ArgumentException">The tenant or id is missing.</exception>
    /// <exception cref="AggregateNotFoundException">The tenant has no such record.</exception>
    /// <exception cref="CorruptRecordException">The stored state cannot be read.</exception>
    public async Task<TAggregate> GetAsync(TenantId tenant, TId id, CancellationToken cancellationToken = default)
    {
        var recordId = CheckKey(tenant, id);
        return await LoadAsync(tenant, recordId, cancellationToken).ConfigureAwait(false)
            ?? throw new AggregateNotFoundException(tenant, RecordType, recordId);
    }

    /// <summary>Loads a record if it exists.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The record's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record, or <see langword="null"/> when the tenant has no such record.</returns>
    /// <exception cref="ArgumentException">The tenant or id is missing.</exception>
    /// <exception cref="CorruptRecordException">The stored state cannot be read.</exception>
    public Task<TAggregate?> FindAsync(TenantId tenant, TId id, CancellationToken cancellationToken = default) =>
        LoadAsync(tenant, CheckKey(tenant, id), cancellationToken);

    /// <summary>
    /// Saves a record the caller loaded (or created) and commanded itself: its new state and its
    /// uncommitted audit entries, with the version it was loaded at. No authorization is asked: use
    /// <see cref="ExecuteAsync(TenantId, TId, Actor, RecordCommand{TAggregate}, CommandOptions?, CancellationToken)"/> for commands on behalf of an actor.
    /// </summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The save's outcome; a record with no uncommitted entries is not written and keeps its version.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    /// <exception cref="ConcurrencyException">The record changed since it was loaded, or (when new) already exists.</exception>
    public async Task<SaveResult> SaveAsync(TAggregate record, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(record);
        if (_codec.UncommittedOf(record).Count == 0)
        {
            return new SaveResult(_codec.VersionOf(record), Replayed: false);
        }

        var (result, events, _) = await WriteAsync(record, null, cancellationToken).ConfigureAwait(false);
        await PublishAsync(events, cancellationToken).ConfigureAwait(false);
        return result;
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
    public async Task<CommandResult<TAggregate>> CreateAsync(TenantId tenant, TId id, Actor actor, CreateCommand<TAggregate> command, CommandOptions? options = null, CancellationToken cancellationToken = default)
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
        if (await ReplayAsync(tenant, key, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        await AuthorizeAsync(actor, command, new ItsmResource(tenant, RecordType, recordId, null), cancellationToken).ConfigureAwait(false);
        var record = _codec.Create(command, tenant, id, actor, _clock);
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
    public async Task<CommandResult<TAggregate>> ExecuteAsync(TenantId tenant, TId id, Actor actor, RecordCommand<TAggregate> command, CommandOptions? options = null, CancellationToken cancellationToken = default)
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
        if (await ReplayAsync(tenant, key, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        var record = await LoadAsync(tenant, recordId, cancellationToken).ConfigureAwait(false)
            ?? throw new AggregateNotFoundException(tenant, RecordType, recordId);
        var loadedVersion = _codec.VersionOf(record);
        if (options.ExpectedVersion is { } expected && expected != loadedVersion)
        {
            throw new ConcurrencyException(tenant, RecordType, recordId, expected, loadedVersion);
        }

        await AuthorizeAsync(actor, command, new ItsmResource(tenant, RecordType, recordId, record), cancellationToken).ConfigureAwait(false);
        command.Run(record, actor);
        if (_codec.UncommittedOf(record).Count == 0)
        {
            // Every record command records an entry or throws; nothing to write otherwise.
            return new CommandResult<TAggregate>(record, loadedVersion, Replayed: false, []);
        }

        return await CommitAsync(tenant, record, key, cancellationToken).ConfigureAwait(false);
    }

    private static readonly CommandOptions Default = new();

    // Stands for the record id in the fingerprint of a create (not a valid id of any record type).
    private const string NewRecord = "(new)";

    private async Task<CommandResult<TAggregate>> CommitAsync(TenantId tenant, TAggregate record, IdempotencyKey? key, CancellationToken cancellationToken)
    {
        var (result, events, index) = await WriteAsync(record, key, cancellationToken).ConfigureAwait(false);
        if (result.Replayed)
        {
            // A concurrent run with the same key committed first: its result stands.
            var current = await LoadAsync(tenant, _codec.IdOf(record), cancellationToken).ConfigureAwait(false)
                ?? throw new AggregateNotFoundException(tenant, RecordType, _codec.IdOf(record));
            return new CommandResult<TAggregate>(current, result.Version, Replayed: true, []);
        }

        await PublishAsync(events, cancellationToken).ConfigureAwait(false);
        return new CommandResult<TAggregate>(record, result.Version, Replayed: false, events) { Index = index };
    }

    private async Task<(SaveResult Result, IReadOnlyList<AuditEntry> Events, RecordIndex Index)> WriteAsync(TAggregate record, IdempotencyKey? key, CancellationToken cancellationToken)
    {
        var entries = _codec.UncommittedOf(record);
        var expected = _codec.VersionOf(record) - entries.Count;
        var index = _codec.IndexOf(record, null);
        if (index.IsOpen)
        {
            // Due for the worker: the first SLA threshold not yet recorded (past or forecast), or the
            // auto-close instant, whichever is earlier. A closed record is due for nothing.
            var slaDue = _codec.TicketHistoryOf(record) is { } history ? _sla.NextDue(history, _codec.LastSlaThresholdOf(record)) : null;
            if (_codec.OtherDueOf(record, _sla.Calendars) is { } other && (slaDue is null || other < slaDue))
            {
                slaDue = other;
            }

            index = index with { SlaDueAt = slaDue };
        }

        var write = new AggregateWrite(
            _codec.TenantOf(record),
            RecordType,
            _codec.IdOf(record),
            expected,
            _codec.Serialize(record),
            index,
            entries,
            key);
        var result = await _store.SaveAsync(write, cancellationToken).ConfigureAwait(false);
        if (result.Replayed)
        {
            return (result, [], index);
        }

        var events = new AuditEntry[entries.Count];
        for (int i = 0; i < events.Length; i++)
        {
            events[i] = entries[i] with { Version = expected + i + 1 };
        }

        _codec.AcceptAuditEntries(record);
        return (result, events, index);
    }

    private async Task<CommandResult<TAggregate>?> ReplayAsync(TenantId tenant, IdempotencyKey? key, CancellationToken cancellationToken)
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
        return new CommandResult<TAggregate>(current, first.Version, Replayed: true, []);
    }

    private async Task AuthorizeAsync(Actor actor, ItsmCommand command, ItsmResource resource, CancellationToken cancellationToken)
    {
        bool allowed;
        try
        {
            allowed = await _authorizer.IsAuthorizedAsync(actor, command, resource, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw new ItsmAuthorizationException(actor, command, resource, ex);
        }

        if (!allowed)
        {
            throw new ItsmAuthorizationException(actor, command, resource);
        }
    }

    private async Task PublishAsync(IReadOnlyList<AuditEntry> events, CancellationToken cancellationToken)
    {
        if (events.Count > 0)
        {
            await _publisher.PublishAsync(events, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<TAggregate?> LoadAsync(TenantId tenant, string recordId, CancellationToken cancellationToken)
    {
        var stored = await _store.LoadAsync(tenant, RecordType, recordId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        try
        {
            return _codec.Deserialize(stored.Tenant, stored.RecordId, stored.Version, stored.State, _clock);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            throw new CorruptRecordException(tenant, RecordType, recordId, ex.Message, ex);
        }
    }

    private IdempotencyKey? KeyFor(CommandOptions options, string recordId, ItsmCommand command) =>
        options.IdempotencyKey is null
            ? null
            : IdempotencyKey.For(options.IdempotencyKey, RecordType, recordId, command.Name, CommandArguments.Of(command));

    private string CheckKey(TenantId tenant, TId id)
    {
        StoreArguments.CheckTenant(tenant);
        Guard.Against.Null(id);
        var recordId = _codec.FormatId(id);
        if (string.IsNullOrWhiteSpace(recordId) || recordId == Guid.Empty.ToString())
        {
            throw new ArgumentException($"The {RecordType} id must not be empty.", nameof(id));
        }

        return recordId;
    }
}

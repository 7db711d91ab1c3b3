using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Npgsql;

namespace Itsm.Persistence.PostgreSql;

// Grouped loads: the loads that arrive while another load of this store is on the wire go together, in one statement
// and one round trip, when it returns (as group commit does for writes).
public sealed partial class PostgreSqlAggregateStore
{
    // The most records one grouped statement reads (at most StoreArguments.MaxLoads, the statements cached per count);
    // a call that loads more than MaxLoadsToGroup never waits in a group.
    internal const int MaxGroupedLoads = 64;
    private const int MaxLoadsToGroup = 8;

    private readonly object _loadGate = new();
    private readonly List<PendingLoad> _loadsWaiting = [];
    private bool _loadBusy;

    /// <summary>For the tests only: runs with the number of calls when a group (of one or more) has been formed, before its statement is sent.</summary>
    internal Func<int, Task>? LoadGroupFormedHook { get; set; }

    /// <summary>
    /// The call's loads, sent at once when no other load of this store is on the wire, otherwise with the calls that
    /// wait for it when it returns. A call cancelled while it waits leaves the queue; once sent, it shares the
    /// statement's outcome.
    /// </summary>
    private async Task<IReadOnlyList<LoadedRecord>> LoadInGroupAsync(TenantId tenant, IReadOnlyList<RecordLoad> loads, CancellationToken cancellationToken)
    {
        var me = new PendingLoad(tenant, loads);
        bool leads;
        lock (_loadGate)
        {
            leads = !_loadBusy;
            if (leads)
            {
                _loadBusy = true;
            }
            else
            {
                _loadsWaiting.Add(me);
            }
        }

        if (!leads)
        {
            using (cancellationToken.Register(
                static state =>
                {
                    var (store, load) = ((PostgreSqlAggregateStore, PendingLoad))state!;
                    store.Withdraw(load);
                },
                (this, me)))
            {
                if (await me.Signal.ConfigureAwait(false))
                {
                    return me.Outcome();
                }
            }

            if (me.Withdrawn)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }

        var group = new List<PendingLoad> { me };
        int arms = loads.Count;
        lock (_loadGate)
        {
            int take = 0;
            while (take < _loadsWaiting.Count && arms + _loadsWaiting[take].Loads.Count <= MaxGroupedLoads)
            {
                arms += _loadsWaiting[take].Loads.Count;
                take++;
            }

            group.AddRange(_loadsWaiting.GetRange(0, take));
            _loadsWaiting.RemoveRange(0, take);
        }

        try
        {
            if (LoadGroupFormedHook is { } hook)
            {
                await hook(group.Count).ConfigureAwait(false);
            }

            if (group.Count == 1)
            {
                me.Complete(await LoadManyAloneAsync(tenant, loads, cancellationToken).ConfigureAwait(false));
            }
            else
            {
                await LoadGroupAsync(group, arms).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            foreach (var member in group)
            {
                member.Fail(e);
            }
        }
        finally
        {
            PendingLoad? next = null;
            lock (_loadGate)
            {
                if (_loadsWaiting.Count > 0)
                {
                    next = _loadsWaiting[0];
                    _loadsWaiting.RemoveAt(0);
                }
                else
                {
                    _loadBusy = false;
                }
            }

            foreach (var member in group)
            {
                if (!ReferenceEquals(member, me))
                {
                    member.Release();
                }
            }

            next?.Lead();
        }

        return me.Outcome();
    }

    private void Withdraw(PendingLoad load)
    {
        lock (_loadGate)
        {
            // Still waiting: it leaves the queue and its caller sees the cancellation; taken into a group, or woken to
            // lead the next one, it stays (a leader that left would leave the queue without one).
            if (_loadsWaiting.Remove(load))
            {
                load.Withdrawn = true;
                load.Lead();
            }
        }
    }

    /// <summary>The loads of several calls (<paramref name="arms"/> records in all) in one statement; each call gets its own results, or the statement's error.</summary>
    private async Task LoadGroupAsync(List<PendingLoad> group, int arms)
    {
        // No caller's token: the statement is shared, and the command timeout bounds it.
        var none = CancellationToken.None;
        try
        {
            await EnsureSchemaAsync(none).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(none).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(_loadManySql[arms] ??= BuildLoadManySql(arms), connection);
            var owners = new (PendingLoad Member, int Load)[arms];
            int arm = 0;
            foreach (var member in group)
            {
                member.Results = new LoadedRecord[member.Loads.Count];
                for (int i = 0; i < member.Loads.Count; i++, arm++)
                {
                    var load = member.Loads[i];
                    command.Parameters.Add(Text(member.Tenant.Value));
                    command.Parameters.Add(Text(load.RecordType));
                    command.Parameters.Add(Text(load.RecordId));
                    command.Parameters.Add(Bigint(load.KnownVersion));
                    owners[arm] = (member, i);
                }
            }

            await using var reader = await command.ExecuteReaderAsync(none).ConfigureAwait(false);
            while (await reader.ReadAsync(none).ConfigureAwait(false))
            {
                var (member, at) = owners[reader.GetInt32(0)];
                try
                {
                    member.Results![at] = StoredRows.ReadLoaded(reader, member.Tenant, member.Loads[at]);
                }
                catch (Exception e) when (e is not NpgsqlException)
                {
                    // A row that cannot be read fails its own call only, as it would have alone.
                    member.Fail(e);
                }
            }
        }
        catch (NpgsqlException e)
        {
            throw Unavailable(e);
        }

        foreach (var member in group)
        {
            member.Complete(member.Results!);
        }
    }

    /// <summary>One call's loads waiting for, or riding in, a grouped statement.</summary>
    private sealed class PendingLoad(TenantId tenant, IReadOnlyList<RecordLoad> loads)
    {
        // true: the outcome is set; false: the call leads the next group (or, withdrawn, sees its cancellation).
        private readonly TaskCompletionSource<bool> _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private IReadOnlyList<LoadedRecord>? _result;
        private ExceptionDispatchInfo? _error;

        public TenantId Tenant { get; } = tenant;

        public IReadOnlyList<RecordLoad> Loads { get; } = loads;

        public LoadedRecord[]? Results { get; set; }

        /// <summary>Whether the call left the queue, cancelled, before any group took it (set under the store's load lock).</summary>
        public bool Withdrawn { get; set; }

        public Task<bool> Signal => _signal.Task;

        // The first of Complete and Fail sets the outcome.
        public void Complete(IReadOnlyList<LoadedRecord> result)
        {
            if (_error is null)
            {
                _result ??= result;
            }
        }

        public void Fail(Exception error)
        {
            if (_result is null)
            {
                _error ??= ExceptionDispatchInfo.Capture(error);
            }
        }

        /// <summary>Wakes a member of a group that ran: its outcome is set.</summary>
        public void Release() => _signal.TrySetResult(true);

        /// <summary>Wakes a waiting call to lead the next group (or, withdrawn, to see its cancellation).</summary>
        public void Lead() => _signal.TrySetResult(false);

        public IReadOnlyList<LoadedRecord> Outcome()
        {
            _error?.Throw();
            return _result ?? throw new InvalidOperationException("A grouped load ended without an outcome.");
        }
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Diagnostics;
using Npgsql;

namespace Itsm.Persistence.PostgreSql;

// Group commit: units of one tenant that queue in this process while a commit of that tenant runs are committed
// together in one transaction (one feed-head lock, one WAL flush), each inside its own savepoint, so a refused
// unit is rolled back alone and gets its own error while its neighbours commit.
public sealed partial class PostgreSqlAggregateStore
{
    private readonly ConcurrentDictionary<string, CommitQueue> _commitQueues = new(StringComparer.Ordinal);

    /// <summary>
    /// For the tests only: runs when a group of more than one unit has been formed, before its transaction begins,
    /// with the units in application order; a test can hold the group there while more units queue behind it.
    /// </summary>
    internal Func<IReadOnlyList<UnitOfWork>, Task>? GroupFormedHook { get; set; }

    /// <summary>
    /// Commits the unit with the units of its tenant that queue with it. The first unit of an idle tenant leads at
    /// once (no timer: a lone unit commits as it would without group commit); units arriving while a commit of
    /// their tenant runs wait, and when it ends the first of them leads the next group with all that waited.
    /// </summary>
    private async Task<SaveResult> CommitInGroupAsync(PendingUnit unit, CancellationToken cancellationToken)
    {
        var queue = _commitQueues.GetOrAdd(unit.Work.Tenant.Value, static _ => new CommitQueue());
        unit.Queue = queue;
        unit.Cancellation = cancellationToken;
        bool leads;
        lock (queue)
        {
            leads = !queue.Busy;
            if (leads)
            {
                queue.Busy = true;
            }
            else
            {
                queue.Waiting.Add(unit);
            }
        }

        if (!leads)
        {
            // Cancelled while it waits, the unit leaves the queue and nothing is written; once in a group, it
            // shares the group's outcome (the group's statements are bounded by the command timeout).
            using (cancellationToken.Register(static state => ((PendingUnit)state!).Withdraw(), unit))
            {
                if (await unit.Signal.ConfigureAwait(false))
                {
                    return unit.Outcome();
                }
            }
        }

        var group = new List<PendingUnit> { unit };
        List<PendingUnit>? requeue = null;
        lock (queue)
        {
            var take = Math.Min(queue.Waiting.Count, _maxGroupCommitUnits - 1);
            group.AddRange(queue.Waiting.GetRange(0, take));
            queue.Waiting.RemoveRange(0, take);
        }

        StoreTelemetry.GroupCommitted(DbSystem, group.Count);

        try
        {
            if (group.Count == 1)
            {
                unit.Complete(await CommitAloneAsync(unit, cancellationToken).ConfigureAwait(false));
            }
            else
            {
                if (GroupFormedHook is { } hook)
                {
                    await hook(group.ConvertAll(u => u.Work)).ConfigureAwait(false);
                }

                requeue = await CommitShadowingAsync(group).ConfigureAwait(false);
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
            PendingUnit? next = null;
            lock (queue)
            {
                if (requeue is not null)
                {
                    queue.Waiting.InsertRange(0, requeue);
                }

                if (queue.Waiting.Count > 0)
                {
                    next = queue.Waiting[0];
                    queue.Waiting.RemoveAt(0);
                }
                else
                {
                    queue.Busy = false;
                }
            }

            next?.Lead();
        }

        return unit.Outcome();
    }

    /// <summary>
    /// Commits a group whose units may overlap. A unit that writes a record an earlier unit of the group writes,
    /// expecting another version than that unit leaves it at, cannot commit if that unit does (the engine's units
    /// loaded the same version): it is not sent, and is refused after the commit with the version the record
    /// reached, as it would be without group commit. If the earlier unit did not commit, it goes back to the head
    /// of the queue (returned) for the next group.
    /// </summary>
    private async Task<List<PendingUnit>?> CommitShadowingAsync(List<PendingUnit> all)
    {
        var versions = new Dictionary<(string Type, string Id), (long Version, PendingUnit By)>();
        var members = new List<PendingUnit>(all.Count);
        var shadowed = new List<(PendingUnit Unit, int Write, PendingUnit By)>();
        foreach (var unit in all)
        {
            var shadow = Shadow(unit, versions);
            if (shadow is { } s)
            {
                shadowed.Add((unit, s.Write, s.By));
                continue;
            }

            members.Add(unit);
            foreach (var write in unit.Work.Writes)
            {
                versions[(write.RecordType, write.RecordId)] = (write.NewVersion, unit);
            }
        }

        if (members.Count == 1)
        {
            await CompleteAloneAsync(members[0]).ConfigureAwait(false);
        }
        else
        {
            await CommitTogetherAsync(members).ConfigureAwait(false);
        }

        if (shadowed.Count == 0)
        {
            return null;
        }

        // The versions the records reached: the last committed write of each, in application order.
        var reached = new Dictionary<(string Type, string Id), long>();
        foreach (var member in members)
        {
            if (member.CommittedFresh)
            {
                foreach (var write in member.Work.Writes)
                {
                    reached[(write.RecordType, write.RecordId)] = write.NewVersion;
                }
            }
        }

        List<PendingUnit>? requeue = null;
        foreach (var (unit, w, by) in shadowed)
        {
            var write = unit.Work.Writes[w];
            long actual;
            if (by.CommittedFresh && reached.TryGetValue((write.RecordType, write.RecordId), out var committed))
            {
                actual = committed;
            }
            else if (by.Error is ConcurrencyException { } stale && stale.RecordType == write.RecordType && stale.RecordId == write.RecordId
                     && stale.ActualVersion != write.ExpectedVersion)
            {
                // The earlier unit found the record at a version this one does not expect either.
                actual = stale.ActualVersion;
            }
            else
            {
                (requeue ??= []).Add(unit);
                continue;
            }

            if (unit.Work.Idempotency is null)
            {
                unit.Fail(new ConcurrencyException(write.Tenant, write.RecordType, write.RecordId, write.ExpectedVersion, actual));
            }
            else
            {
                // A racing unit may have stored this unit's key: read it, as a refused unit alone does.
                await ResolveAsync(unit, w).ConfigureAwait(false);
            }
        }

        return requeue;
    }

    /// <summary>The first write of the unit (in write order) that an earlier unit leaves at another version than it expects, and that unit.</summary>
    private static (int Write, PendingUnit By)? Shadow(PendingUnit unit, Dictionary<(string Type, string Id), (long Version, PendingUnit By)> versions)
    {
        for (var w = 0; w < unit.Work.Writes.Count; w++)
        {
            var write = unit.Work.Writes[w];
            if (versions.TryGetValue((write.RecordType, write.RecordId), out var earlier) && earlier.Version != write.ExpectedVersion)
            {
                return (w, earlier.By);
            }
        }

        return null;
    }

    private async Task ResolveAsync(PendingUnit unit, int? stale)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
            unit.Complete(await RefusedAsync(connection, unit.Work, stale, CancellationToken.None).ConfigureAwait(false));
        }
        catch (NpgsqlException e)
        {
            unit.Fail(Unavailable(e));
        }
        catch (Exception e)
        {
            unit.Fail(e);
        }
    }

    /// <summary>
    /// One transaction for the group: each unit's statements after its own savepoint, pipelined, then the statement
    /// that appends the accepted units' audit rows to the feed, and the COMMIT, all in one round trip when no unit is
    /// judged by the client (see PostgreSqlAggregateStore.RoundTrips.cs). A unit found stale, conflicting or refused
    /// by a key is rolled back to its savepoint and the units after it are sent again (with the feed and the COMMIT).
    /// Every unit's result is set only after the commit returned; if the commit fails, every unit fails.
    /// </summary>
    private async Task CommitTogetherAsync(List<PendingUnit> group)
    {
        // No caller's token: the group is shared, and the command timeout bounds each statement.
        var none = CancellationToken.None;
        var tenant = group[0].Work.Tenant;
        var hook = FeedAllocatedHook;
        if (hook is null && UpdatesOnly(group))
        {
            await CommitUpdatesTogetherAsync(group).ConfigureAwait(false);
            return;
        }

        var folded = hook is null && group.TrueForAll(u => u.Held.Count == 0);
        var accepted = new List<PendingUnit>(group.Count);
        var refused = new List<(PendingUnit Unit, Outcome Why)>();
        var failed = new List<(PendingUnit Unit, Exception Error)>();
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(none).ConfigureAwait(false);
            var alone = false;
            try
            {
                var committed = false;
                string? undo = Begin;
                var next = 0;
                var statements = new UnitStatements[group.Count];
                var stored = new ReservationRow?[group.Count];
                while (!committed && !alone && (folded || next < group.Count))
                {
                    await using var batch = new NpgsqlBatch(connection);
                    if (undo is not null)
                    {
                        batch.BatchCommands.Add(new NpgsqlBatchCommand(undo));
                    }

                    Array.Clear(stored);
                    for (var u = next; u < group.Count; u++)
                    {
                        batch.BatchCommands.Add(new NpgsqlBatchCommand(SavepointNames[u]));
                        statements[u] = AddUnitStatements(batch, group[u], u);
                    }

                    var finish = accepted;
                    var finishing = int.MaxValue;
                    if (folded)
                    {
                        // The feed and the COMMIT ride along: they run only if every unit before them passed.
                        finish = [.. accepted, .. group.GetRange(next, group.Count - next)];
                        finishing = batch.BatchCommands.Count;
                        AddFinishStatements(batch, tenant, finish);
                        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
                    }

                    var end = group.Count;
                    PostgresException? error = null;
                    try
                    {
                        await RunAsync(batch, finish, stored, none).ConfigureAwait(false);
                        if (folded)
                        {
                            accepted = finish;
                            committed = true;
                            break;
                        }
                    }
                    catch (PostgresException e)
                    {
                        // The server skipped every statement after the failing one; the transaction is aborted
                        // until it is rolled back to the failing unit's savepoint.
                        error = e;
                        if (e.SqlState != UniqueViolation && e.BatchCommand is NpgsqlBatchCommand failing && batch.BatchCommands.IndexOf(failing) >= finishing)
                        {
                            throw; // the feed statement or the COMMIT failed: every unit fails, nothing was written
                        }

                        end = FailingUnit(batch, e, statements, next) ?? -1;
                        alone = end < 0;
                    }

                    if (alone)
                    {
                        break;
                    }

                    var bad = -1;
                    for (var u = next; u < end && bad < 0; u++)
                    {
                        if (Judge(group[u], stored[u]) is { } why)
                        {
                            bad = u;
                            refused.Add((group[u], why));
                        }
                    }

                    if (bad < 0 && error is not null)
                    {
                        bad = end;
                        if (error.SqlState == UniqueViolation || StaleWrite(batch, error, statements[bad]) is not null)
                        {
                            refused.Add((group[bad], StaleOrKey(StaleWrite(batch, error, statements[bad]))));
                        }
                        else
                        {
                            failed.Add((group[bad], Unavailable(error)));
                        }
                    }

                    for (var u = next; u < (bad < 0 ? group.Count : bad); u++)
                    {
                        accepted.Add(group[u]);
                    }

                    undo = bad < 0 ? null : RollbackNames[bad];
                    next = bad < 0 ? group.Count : bad + 1;
                }

                if (!committed && !alone)
                {
                    // Without folding: the last statement moves the feed head once for the whole group, in application order.
                    await using var finish = new NpgsqlBatch(connection);
                    if (undo is not null)
                    {
                        finish.BatchCommands.Add(new NpgsqlBatchCommand(undo));
                    }

                    AddFinishStatements(finish, tenant, accepted);
                    try
                    {
                        await RunAsync(finish, accepted, stored, none).ConfigureAwait(false);
                    }
                    catch (PostgresException e) when (e.SqlState == UniqueViolation)
                    {
                        // Audit rows already numbered so: which unit is not known; each finds out alone.
                        alone = true;
                    }
                }

                if (alone)
                {
                    await RollbackAsync(connection, none).ConfigureAwait(false);
                }
                else if (!committed)
                {
                    if (hook is not null)
                    {
                        await hook(none).ConfigureAwait(false);
                    }

                    await ExecuteAsync(connection, "COMMIT", none).ConfigureAwait(false);
                }
            }
            catch (Exception)
            {
                await RollbackQuietlyAsync(connection).ConfigureAwait(false);
                throw;
            }

            if (alone)
            {
                // Rare: a failure the group cannot pin on one unit. Nothing of the group was written; each unit
                // commits (or is refused) in a transaction of its own, in application order.
                foreach (var unit in group)
                {
                    await CompleteAloneAsync(unit).ConfigureAwait(false);
                }

                return;
            }

            foreach (var unit in accepted)
            {
                unit.Complete(Committed(unit));
            }

            foreach (var (unit, error) in failed)
            {
                unit.Fail(error);
            }

            foreach (var (unit, why) in refused)
            {
                if (why.Conflict is { } conflict)
                {
                    unit.Fail(conflict);
                    continue;
                }

                try
                {
                    unit.Complete(await RefusedAsync(connection, unit.Work, why.Stale, none).ConfigureAwait(false));
                }
                catch (NpgsqlException e)
                {
                    unit.Fail(Unavailable(e));
                }
                catch (Exception e)
                {
                    unit.Fail(e);
                }
            }
        }
        catch (NpgsqlException e)
        {
            var unavailable = Unavailable(e);
            foreach (var unit in group)
            {
                unit.Fail(unavailable);
            }
        }
    }

    private async Task CompleteAloneAsync(PendingUnit unit)
    {
        try
        {
            unit.Complete(await CommitAloneAsync(unit, CancellationToken.None).ConfigureAwait(false));
        }
        catch (Exception e)
        {
            unit.Fail(e);
        }
    }

    /// <summary>The unit whose statement failed (from <paramref name="next"/> on), or null when the error names no statement of a unit.</summary>
    private static int? FailingUnit(NpgsqlBatch batch, NpgsqlException error, UnitStatements[] statements, int next)
    {
        if (error.BatchCommand is not NpgsqlBatchCommand command)
        {
            return null;
        }

        var index = batch.BatchCommands.IndexOf(command);
        for (var u = next; u < statements.Length; u++)
        {
            // The unit's savepoint sits just before its first statement.
            if (index >= statements[u].First - 1 && index < statements[u].First + statements[u].Count)
            {
                return u;
            }
        }

        return null;
    }

    /// <summary>The units of one tenant waiting for the commit that runs, in arrival order.</summary>
    private sealed class CommitQueue
    {
        public bool Busy { get; set; }

        public List<PendingUnit> Waiting { get; } = [];
    }

    /// <summary>A unit of work on its way to a commit, prepared, with the outcome its caller awaits.</summary>
    private sealed class PendingUnit(UnitOfWork work, PreparedWrite[] rows, PreparedReservations held)
    {
        // true: the outcome is set; false: the unit leads the next group.
        private readonly TaskCompletionSource<bool> _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private SaveResult? _result;
        private ExceptionDispatchInfo? _error;

        public UnitOfWork Work { get; } = work;

        public PreparedWrite[] Rows { get; } = rows;

        public PreparedReservations Held { get; } = held;

        /// <summary>The numbers the unit's creates got from the numbering statement (0 for an update), or null when it created none.</summary>
        public long[]? Numbers { get; set; }

        public CommitQueue? Queue { get; set; }

        public CancellationToken Cancellation { get; set; }

        public Task<bool> Signal => _signal.Task;

        /// <summary>The error the unit failed with, if it did.</summary>
        public Exception? Error => _error?.SourceException;

        /// <summary>Whether the unit's own writes were committed (not refused, failed or a replay).</summary>
        public bool CommittedFresh => _result is { Replayed: false };

        // Set once, by the leader of the unit's group (or by Withdraw, under the queue's lock, before any group took it).
        public void Complete(SaveResult result)
        {
            if (_result is not null || _error is not null)
            {
                return;
            }

            _result = result;
            _signal.TrySetResult(true);
        }

        public void Fail(Exception error)
        {
            if (_result is not null || _error is not null)
            {
                return;
            }

            _error = ExceptionDispatchInfo.Capture(error);
            _signal.TrySetResult(true);
        }

        public void Lead() => _signal.TrySetResult(false);

        /// <summary>Leaves the queue if no group has taken the unit yet; its caller then sees the cancellation.</summary>
        public void Withdraw()
        {
            if (Queue is not { } queue)
            {
                return;
            }

            lock (queue)
            {
                if (!queue.Waiting.Remove(this))
                {
                    return;
                }
            }

            Fail(new OperationCanceledException("The commit was cancelled before it joined a group; nothing was written.", Cancellation));
        }

        public SaveResult Outcome()
        {
            _error?.Throw();
            return _result ?? throw new InvalidOperationException("The unit has no outcome yet.");
        }
    }
}

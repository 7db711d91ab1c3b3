using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Itsm.Persistence.Sqlite;

// Group commit: the units that queue while a commit is in progress commit together, in one transaction
// and one sync, each in its own savepoint. There is no background thread: the first unit to find nobody
// committing leads (commits a batch on its caller's thread), then hands leadership to the first unit still
// queued, whose own continuation commits the next batch.
public sealed partial class SqliteAggregateStore
{
    /// <summary>The most units one transaction commits: bounds a batch's transaction, and so how long a unit that arrives during it waits.</summary>
    internal const int MaxGroupCommit = 64;

    // One queue per database file and connection settings, shared by the store instances over it, so that
    // a batch is only committed with the settings (synchronous, busy timeout) each of its units asked for.
    private static readonly ConcurrentDictionary<string, CommitQueue> CommitQueues = new(StringComparer.Ordinal);

    /// <summary>The batches this store's queue committed or failed (tests observe batching with it); 0 when group commit is off.</summary>
    internal long GroupCommitBatches => _commitQueue is { } queue ? Interlocked.Read(ref queue.Batches) : 0;

    /// <summary>Whether a unit is leading (committing a batch) on this store's queue; tests wait for it before queuing behind it.</summary>
    internal bool GroupCommitLeading
    {
        get
        {
            if (_commitQueue is not { } queue)
            {
                return false;
            }

            lock (queue.Gate)
            {
                return queue.Leading;
            }
        }
    }

    private static CommitQueue QueueFor(string key) => CommitQueues.GetOrAdd(key, static _ => new CommitQueue());

    private Task<SaveResult> SubmitAsync(PendingCommit unit, CancellationToken cancellationToken)
    {
        var queue = _commitQueue!;
        bool lead;
        lock (queue.Gate)
        {
            // Units queue only while someone leads, so a unit that finds no leader finds no queue either:
            // it commits at once, alone, on its caller's thread, exactly as without group commit.
            lead = !queue.Leading;
            if (lead)
            {
                queue.Leading = true;
                unit.Take();
            }
            else
            {
                queue.Waiting.Enqueue(unit);
            }
        }

        if (!lead)
        {
            return WaitForTurnAsync(unit, cancellationToken);
        }

        LeadBatch(queue, unit);
        return Task.FromResult(unit.Outcome());
    }

    private async Task<SaveResult> WaitForTurnAsync(PendingCommit unit, CancellationToken cancellationToken)
    {
        bool lead;
        try
        {
            // The wait for the gate is bounded by the busy timeout, as without group commit; a unit that
            // gives up (timeout, cancellation) before a leader takes it is never written.
            lead = await unit.Turn.WaitAsync(_busyTimeout.ToTimeSpan(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            if (unit.TryAbandon())
            {
                if (e is TimeoutException)
                {
                    throw GateTimeout();
                }

                throw;
            }

            // Too late: a leader took it, so its outcome (committed, or not) is on the way and is the truth.
            lead = await unit.Turn.ConfigureAwait(false);
        }

        if (lead)
        {
            LeadBatch(_commitQueue!, unit);
        }

        return unit.Outcome();
    }

    /// <summary>Commits one batch headed by <paramref name="first"/>, which this thread has taken, then hands leadership on.</summary>
    private void LeadBatch(CommitQueue queue, PendingCommit first)
    {
        var batch = new List<PendingCommit>(4) { first };
        try
        {
            lock (queue.Gate)
            {
                while (batch.Count < MaxGroupCommit && queue.Waiting.TryDequeue(out var waiting))
                {
                    if (waiting.Take())
                    {
                        batch.Add(waiting);
                    }
                }
            }

            CommitBatch(batch);
            Interlocked.Increment(ref queue.Batches);
        }
        finally
        {
            // Whatever happened above, every taken unit gets an outcome and the queue gets a leader (or none,
            // if it is empty), so no caller waits forever.
            for (var i = 0; i < batch.Count; i++)
            {
                if (batch[i] != first)
                {
                    batch[i].Release();
                }
            }

            PendingCommit? next = null;
            lock (queue.Gate)
            {
                while (next is null && queue.Waiting.TryDequeue(out var waiting))
                {
                    if (waiting.Take())
                    {
                        next = waiting;
                    }
                }

                queue.Leading = next is not null;
            }

            next?.Lead();
        }
    }

    /// <summary>Commits the batch and records each unit's outcome; it throws nothing.</summary>
    private void CommitBatch(List<PendingCommit> batch)
    {
        StoreTelemetry.GroupCommitted(DbSystem, batch.Count);
        var results = new SaveResult[batch.Count];
        var errors = new Exception?[batch.Count];
        try
        {
            if (batch.Count == 1)
            {
                // Alone: no savepoint to pay for; the unit's error rolls back the whole transaction, its own.
                results[0] = WriteLocked(session => CommitAlone(session, batch[0]), ready: true);
            }
            else
            {
                WriteLocked(session => CommitTogether(session, batch, results, errors), ready: true);
            }
        }
#pragma warning disable CA1031 // Not swallowed: the failure of the batch (or of the lone unit) is every unit's outcome.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // Nothing of the batch is committed: whatever a unit's own outcome was, the truth is now this.
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Fail(e);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (errors[i] is { } error)
            {
                batch[i].Fail(error);
            }
            else
            {
                batch[i].Succeed(results[i]);
            }
        }
    }

    private static int CommitTogether(WriteSession session, List<PendingCommit> batch, SaveResult[] results, Exception?[] errors)
    {
        // BEGIN IMMEDIATE, as for a lone unit (CommitAlone says why). Units are applied in queue order, each
        // reading the tenant's next position after the units before it, so feed positions stay consecutive
        // in commit order; a unit rolled back to its savepoint leaves no position taken.
        var connection = session.Connection;
        using var transaction = connection.BeginTransaction(deferred: false);
        var writer = session.Writer(transaction);
        for (var i = 0; i < batch.Count; i++)
        {
            writer.Savepoint();
            try
            {
                results[i] = Apply(connection, writer, batch[i]);
            }
            catch (Exception e) when (e is not SqliteException)
            {
                // The unit's own refusal (a conflict, a refused key, a reservation taken): its statements are
                // undone, its neighbours' are not. A database error, by contrast, may have ended the
                // transaction itself, so it fails the batch.
                writer.RollbackToSavepoint();
                errors[i] = e;
            }

            writer.ReleaseSavepoint();
        }

        transaction.Commit();
        return batch.Count;
    }

    /// <summary>The units queued on one database file (with one set of connection settings), and whether one of them is leading.</summary>
    private sealed class CommitQueue
    {
        public readonly object Gate = new();
        public readonly Queue<PendingCommit> Waiting = new();
        public bool Leading;
        public long Batches;
    }

    /// <summary>A unit of work on its way to the database: its converted rows, its place in the queue and its outcome.</summary>
    private sealed class PendingCommit
    {
        private const int Queued = 0;
        private const int Taken = 1;
        private const int Abandoned = 2;

        // true: "lead the next batch"; false: "your outcome is recorded". Continuations run asynchronously,
        // so completing it never runs a waiter's code on the leader's thread (inside the write gate).
        private readonly TaskCompletionSource<bool> _turn = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _state;
        private SaveResult? _result;
        private ExceptionDispatchInfo? _error;

        private PendingCommit(UnitOfWork work, PreparedWrite[] prepared, ReservationRows?[] reservations)
        {
            Work = work;
            Prepared = prepared;
            Reservations = reservations;
        }

        public UnitOfWork Work { get; }

        public PreparedWrite[] Prepared { get; }

        public ReservationRows?[] Reservations { get; }

        public Task<bool> Turn => _turn.Task;

        /// <summary>Converts and checks the unit's values before it queues: an unstorable instant fails its own caller only.</summary>
        public static PendingCommit Prepare(UnitOfWork work)
        {
            var prepared = new PreparedWrite[work.Writes.Count];
            var reservations = new ReservationRows?[work.Writes.Count];
            for (var i = 0; i < prepared.Length; i++)
            {
                prepared[i] = PreparedWrite.Of(work.Writes[i]);
                reservations[i] = ReservationRows.Of(work.Writes[i]);
            }

            return new PendingCommit(work, prepared, reservations);
        }

        /// <summary>Claims the unit for a batch; false if its caller gave up on it first.</summary>
        public bool Take() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

        /// <summary>Withdraws the unit from the queue; false if a leader took it first.</summary>
        public bool TryAbandon() => Interlocked.CompareExchange(ref _state, Abandoned, Queued) == Queued;

        public void Succeed(SaveResult result) => _result = result;

        public void Fail(Exception error) => _error = ExceptionDispatchInfo.Capture(error);

        /// <summary>Tells the waiting caller its outcome is recorded (the batch's transaction has ended).</summary>
        public void Release() => _turn.TrySetResult(false);

        /// <summary>Tells the waiting caller to lead the next batch.</summary>
        public void Lead() => _turn.TrySetResult(true);

        public SaveResult Outcome()
        {
            _error?.Throw();

            // Only a leader that failed before it could record anything leaves neither: the unit was not committed.
            return _result ?? throw new InvalidOperationException("The SQLite store's group commit ended a batch without an outcome for this unit; it was not committed.");
        }
    }
}

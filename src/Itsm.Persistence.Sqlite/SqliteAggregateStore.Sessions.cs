using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Itsm.Persistence.Sqlite;

// The connections the store keeps open, with their statements prepared. Microsoft.Data.Sqlite finalizes a
// connection's statements when it goes back to its pool, so a store that opened a pooled connection per call
// compiled the command path's SQL again on every load and every commit: with 16 writers, about a fifth of the
// process's CPU (benchmarks/README.md, "SQLite group commit"). The store now keeps one write connection (used
// only under the write gate, so by one thread at a time) and a few idle read connections (each rented by one
// load at a time), until it is disposed.
public sealed partial class SqliteAggregateStore : IDisposable, IAsyncDisposable
{
    /// <summary>The most idle read connections the store keeps; a load that finds none opens one, and one returned to a full set is closed.</summary>
    internal static readonly int MaxIdleReadSessions = Math.Max(4, Environment.ProcessorCount * 2);

    private readonly ConcurrentStack<ReadSession> _idleReads = new();
    private int _idleReadCount;

    // Used and replaced only under _writeGate.
    private WriteSession? _writeSession;
    private volatile bool _disposed;

    /// <summary>The idle read connections the store keeps now.</summary>
    internal int IdleReadSessions => Volatile.Read(ref _idleReadCount);

    /// <summary>Read connections opened so far (tests check that loads reuse them).</summary>
    internal int ReadSessionsOpened;

    /// <summary>Write connections opened so far (tests check that commits reuse it).</summary>
    internal int WriteSessionsOpened;

    /// <summary>Statements the kept connections have created so far (tests check that they are prepared once per connection).</summary>
    internal int StatementsCreated;

    /// <summary>
    /// Closes the connections the store keeps open: its write connection and its idle read connections. A commit
    /// in progress finishes first (on its connection); any later call on the store throws
    /// <see cref="ObjectDisposedException"/>. Dispose the store (or let the dependency-injection container do it)
    /// before moving, copying or deleting its file: until then the store holds it open.
    /// </summary>
    public void Dispose()
    {
        _disposed = true;
        CloseKeptConnections();
    }

    /// <summary>Closes the connections the store keeps open, as <see cref="Dispose"/> does.</summary>
    /// <returns>A completed task: closing a SQLite connection does not wait for I/O.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>Runs <paramref name="read"/> on a kept read connection; a database error is the store being unavailable, and closes that connection.</summary>
    private T ReadKept<T, TState>(TState state, Func<ReadSession, TState, T> read)
    {
        try
        {
            EnsureSchema();
            if (!_idleReads.TryPop(out var session))
            {
                session = new ReadSession(this, OpenConnection());
                Interlocked.Increment(ref ReadSessionsOpened);
            }
            else
            {
                Interlocked.Decrement(ref _idleReadCount);
            }

            T result;
            try
            {
                result = read(session, state);
            }
            catch
            {
                // Whatever failed (the file, a row the store cannot read), the connection is not trusted again.
                session.Dispose();
                throw;
            }

            ReturnRead(session);
            return result;
        }
        catch (SqliteException e)
        {
            throw Unavailable(e);
        }
    }

    private void ReturnRead(ReadSession session)
    {
        if (_disposed)
        {
            session.Dispose();
            return;
        }

        if (Interlocked.Increment(ref _idleReadCount) > MaxIdleReadSessions)
        {
            Interlocked.Decrement(ref _idleReadCount);
            session.Dispose();
            return;
        }

        _idleReads.Push(session);

        // Dispose may have emptied the set between the check above and the push.
        if (_disposed)
        {
            CloseIdleReads();
        }
    }

    private void CloseIdleReads()
    {
        while (_idleReads.TryPop(out var session))
        {
            Interlocked.Decrement(ref _idleReadCount);
            session.Dispose();
        }
    }

    /// <summary>The kept write connection; the caller holds the write gate. After <see cref="Dispose"/>, a connection for this write only.</summary>
    private WriteSession RentWriteSession(out bool temporary)
    {
        temporary = _disposed;
        if (temporary)
        {
            // A unit queued before the store was disposed (or led here for another store over the file) still commits.
            return new WriteSession(this, OpenConnection());
        }

        if (_writeSession is null)
        {
            _writeSession = new WriteSession(this, OpenConnection());
            Interlocked.Increment(ref WriteSessionsOpened);
        }

        return _writeSession;
    }

    /// <summary>Closes the write connection after a database error: the next write opens a new one.</summary>
    private void DropWriteSession(WriteSession session)
    {
        if (ReferenceEquals(_writeSession, session))
        {
            _writeSession = null;
        }

        session.Dispose();
    }

    /// <summary>Closes the store's idle read connections and its write connection; the store opens new ones when next used.</summary>
    private void CloseKeptConnections()
    {
        CloseIdleReads();
        lock (_writeGate)
        {
            _writeSession?.Dispose();
            _writeSession = null;
        }
    }

    /// <summary>A read connection with the command path's keyed reads prepared on it.</summary>
    private sealed class ReadSession(SqliteAggregateStore store, SqliteConnection connection) : IDisposable
    {
        private readonly Statement?[] _loadMany = new Statement?[StoreArguments.MaxLoads + 1];
        private Statement? _load;
        private Statement? _loadByNumber;
        private Statement? _findIdempotencyKey;

        /// <summary>The keyed read of one record (<see cref="LoadAsync"/>).</summary>
        public Statement Load => _load ??= Create(LoadSql, "$tenant", "$type", "$id");

        /// <summary>The read of one record by number (<see cref="LoadByNumberAsync"/>).</summary>
        public Statement LoadByNumber => _loadByNumber ??= Create(LoadByNumberSql, "$tenant", "$type", "$number");

        /// <summary>The read of an idempotency key (<see cref="FindIdempotencyKeyAsync"/>).</summary>
        public Statement FindIdempotencyKey => _findIdempotencyKey ??= Create(FindIdempotencyKeySql, "$tenant", "$key");

        /// <summary>The read of <paramref name="count"/> records in one statement (<see cref="LoadManyAsync"/>); parameters: the tenant, then each load's type, id and known version.</summary>
        public Statement LoadMany(int count)
        {
            if (_loadMany[count] is { } statement)
            {
                return statement;
            }

            var names = new string[1 + (3 * count)];
            names[0] = "$tenant";
            for (var i = 0; i < count; i++)
            {
                var n = i.ToString(CultureInfo.InvariantCulture);
                names[1 + (3 * i)] = "$t" + n;
                names[2 + (3 * i)] = "$i" + n;
                names[3 + (3 * i)] = "$k" + n;
            }

            return _loadMany[count] = Create(LoadManySql[count] ??= BuildLoadManySql(count), names);
        }

        private Statement Create(string sql, params string[] parameterNames)
        {
            Interlocked.Increment(ref store.StatementsCreated);
            return new Statement(connection, sql, parameterNames);
        }

        public void Dispose()
        {
            // The statements first: a connection's Close finalizes them too, but the commands would stay behind.
            _load?.Dispose();
            _loadByNumber?.Dispose();
            _findIdempotencyKey?.Dispose();
            foreach (var statement in _loadMany)
            {
                statement?.Dispose();
            }

            connection.Dispose();
        }
    }

    /// <summary>The write connection and the write path's statements prepared on it.</summary>
    private sealed class WriteSession(SqliteAggregateStore store, SqliteConnection connection) : IDisposable
    {
        private RecordWriter? _writer;

        public SqliteConnection Connection => connection;

        /// <summary>The record writer, enlisted in <paramref name="transaction"/> and with no feed positions remembered from an earlier one.</summary>
        public RecordWriter Writer(SqliteTransaction transaction)
        {
            if (_writer is null)
            {
                _writer = new RecordWriter(connection);
                Interlocked.Increment(ref store.StatementsCreated);
            }

            _writer.Begin(transaction);
            return _writer;
        }

        public void Dispose()
        {
            _writer?.Dispose();
            connection.Dispose();
        }
    }
}

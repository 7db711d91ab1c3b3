using System;
using System.Collections.Generic;
using System.Globalization;
using Npgsql;
using NodaTime;

namespace Itsm.Persistence.PostgreSql;

/// <summary>The settings of a <see cref="PostgreSqlAggregateStore"/>.</summary>
/// <remarks>
/// The properties are settable so that the options pattern (<c>IOptions&lt;T&gt;</c>, configuration
/// binding) can fill them; the store copies them when it is created, so changing an options object
/// afterwards does not change a store. <see cref="Validate"/> lists every problem at once; the store's
/// constructor calls it and refuses invalid options.
/// </remarks>
public sealed record PostgreSqlStoreOptions
{
    /// <summary>The longest command timeout accepted: Npgsql keeps it as a 32-bit count of seconds.</summary>
    public static readonly Duration MaxCommandTimeout = Duration.FromSeconds(int.MaxValue);

    /// <summary>
    /// The Npgsql connection string (required), for example
    /// <c>Host=db.example.com;Database=helpdesk;Username=itsm;Password=...</c>. Pooling and the other
    /// connection settings are Npgsql's; <c>Command Timeout</c> is replaced by <see cref="CommandTimeout"/>.
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// The PostgreSQL schema that holds the store's tables; <c>itsm</c> by default. A lower-case identifier:
    /// letters, digits and underscores, at most 63 characters, not starting with a digit. Created on first
    /// use if missing (see <see cref="PostgreSqlSchema"/>).
    /// </summary>
    public string Schema { get; set; } = PostgreSqlSchema.DefaultSchema;

    /// <summary>
    /// How long one statement may run (including waiting for a row lock another save holds) before it
    /// fails with <see cref="StoreUnavailableException"/>; 30 seconds by default. Whole seconds, rounded up;
    /// must be positive and at most <see cref="MaxCommandTimeout"/>.
    /// </summary>
    public Duration CommandTimeout { get; set; } = Duration.FromSeconds(30);

    /// <summary>The most units <see cref="MaxGroupCommitUnits"/> accepts.</summary>
    public const int MaxGroupCommitUnitsLimit = 64;

    /// <summary>
    /// Whether units of work of one tenant that queue in this process while a commit of that tenant runs are
    /// committed together, in one transaction with one WAL flush; <see langword="true"/> by default.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Every commit of a tenant holds the tenant's feed head from its feed statement to the end of its commit
    /// (that keeps the event feed gapless and in commit order), so without group commit a tenant's commits wait for
    /// each other's WAL flush one by one. With group commit, a unit that finds no commit of its tenant running in
    /// this process commits at once, alone, exactly as without group commit (no timer, no added latency); units that
    /// arrive while one runs wait, and then commit together, up to <see cref="MaxGroupCommitUnits"/> at a time.
    /// </para>
    /// <para>
    /// Each unit of a group runs inside its own savepoint and keeps its own checks, result and error: a unit refused
    /// for a stale version (<see cref="ConcurrencyException"/>), an idempotency key
    /// (<see cref="IdempotencyConflictException"/>, or a replay) or a reservation
    /// (<see cref="ReservationConflictException"/>) is rolled back alone while the others commit, and a unit with
    /// an instant or text that cannot be stored is refused before it joins a group. The units' feed positions are
    /// consecutive, in the order the units joined the group. A caller's task completes only after the group's
    /// commit returned; if that commit fails, every unit of the group fails with
    /// <see cref="StoreUnavailableException"/>. A commit cancelled while it waits leaves the queue and writes
    /// nothing; once in a group it shares the group's outcome.
    /// </para>
    /// <para>
    /// Instances (processes) still coordinate only through the database, as without group commit. Turn it off to
    /// give every unit a transaction of its own (units of one tenant then run their first statements in parallel
    /// and queue on the feed head).
    /// </para>
    /// </remarks>
    public bool GroupCommit { get; set; } = true;

    /// <summary>
    /// Whether the loads of a command (<see cref="IAggregateStore.LoadManyAsync"/>, up to 8 records a call) that arrive
    /// while another load of the same store is on the wire are sent together when it returns: one statement and one
    /// round trip for all of them, up to 64 records, each call getting its own records; on by default.
    /// </summary>
    /// <remarks>
    /// A load that finds no other on the wire is sent at once, as without grouping, so a lone caller waits for
    /// nothing more; one that finds one waits for it (one statement in flight per store), at most a round trip and
    /// that statement's time. Turn it off when loads are many and independent and the server is far away. A call cancelled while it waits leaves the queue; once sent, it shares the statement's outcome
    /// (the statement is bounded by the command timeout), and if the statement fails every call of the group fails
    /// with <see cref="StoreUnavailableException"/>. Each call still reads committed data no older than its own start.
    /// </remarks>
    public bool GroupLoads { get; set; } = true;

    /// <summary>
    /// The most units of work one group commit holds (see <see cref="GroupCommit"/>); 32 by default, from 1 to
    /// <see cref="MaxGroupCommitUnitsLimit"/>.
    /// </summary>
    /// <remarks>
    /// Each unit of a group is a subtransaction (a savepoint); PostgreSQL keeps up to 64 of a transaction's
    /// subtransactions in shared memory, and past that every other session's snapshots get slower, hence the limit.
    /// </remarks>
    public int MaxGroupCommitUnits { get; set; } = 32;

    /// <summary>Checks the options.</summary>
    /// <returns>Every problem found, each as a sentence naming the property; empty when the options are valid.</returns>
    /// <remarks>The connection string is parsed, not used: no connection is opened.</remarks>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            errors.Add("ConnectionString is empty: set it to an Npgsql connection string, for example \"Host=localhost;Database=itsm;Username=itsm;Password=...\".");
        }
        else
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
                if (string.IsNullOrWhiteSpace(builder.Host))
                {
                    errors.Add("ConnectionString names no Host: add Host=<server> to it.");
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                errors.Add($"ConnectionString is not a valid Npgsql connection string: {Itsm.Text.QuotedText.Message(e.Message)}");
            }
        }

        if (!IsValidSchemaName(Schema))
        {
            errors.Add($"Schema '{Itsm.Text.QuotedText.Of(Schema)}' is not a valid schema name: use lower-case letters, digits and underscores, at most 63 characters, not starting with a digit.");
        }

        if (CommandTimeout <= Duration.Zero)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"CommandTimeout is {CommandTimeout.TotalSeconds} s: it must be positive."));
        }
        else if (CommandTimeout > MaxCommandTimeout)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"CommandTimeout is {CommandTimeout.TotalSeconds} s: it must be at most {int.MaxValue} s."));
        }

        if (MaxGroupCommitUnits is < 1 or > MaxGroupCommitUnitsLimit)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"MaxGroupCommitUnits is {MaxGroupCommitUnits}: it must be from 1 to {MaxGroupCommitUnitsLimit}."));
        }

        return errors;
    }

    /// <summary>Whether <paramref name="schema"/> is a lower-case identifier the store accepts.</summary>
    internal static bool IsValidSchemaName(string? schema)
    {
        if (schema is null || schema.Length is 0 or > 63 || char.IsAsciiDigit(schema[0]))
        {
            return false;
        }

        foreach (var c in schema)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}

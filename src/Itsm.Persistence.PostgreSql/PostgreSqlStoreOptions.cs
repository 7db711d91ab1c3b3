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
                errors.Add($"ConnectionString is not a valid Npgsql connection string: {e.Message}");
            }
        }

        if (!IsValidSchemaName(Schema))
        {
            errors.Add($"Schema '{Schema}' is not a valid schema name: use lower-case letters, digits and underscores, at most 63 characters, not starting with a digit.");
        }

        if (CommandTimeout <= Duration.Zero)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"CommandTimeout is {CommandTimeout.TotalSeconds} s: it must be positive."));
        }
        else if (CommandTimeout > MaxCommandTimeout)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"CommandTimeout is {CommandTimeout.TotalSeconds} s: it must be at most {int.MaxValue} s."));
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

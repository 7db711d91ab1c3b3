using System;
using System.Collections.Generic;
using System.Globalization;

namespace Itsm.Common;

/// <summary>Builds the data of an audit entry: text values, nulls left out.</summary>
internal static class AuditData
{
    /// <summary>The data of an event that carries none (shared: audit data is read-only).</summary>
    internal static readonly IReadOnlyDictionary<string, string> Empty = new Sealed(new Dictionary<string, string>(StringComparer.Ordinal));

    internal static IReadOnlyDictionary<string, string> Of(params (string Key, string? Value)[] items)
    {
        var data = new Dictionary<string, string>(items.Length, StringComparer.Ordinal);
        foreach (var (key, value) in items)
        {
            if (value is not null)
            {
                data[key] = value;
            }
        }

        return new Sealed(data);
    }

    /// <summary>
    /// Data no one can change: built here from a dictionary no one else holds. An
    /// <see cref="Itsm.Persistence.AggregateWrite"/> keeps it as it is instead of copying it (issue 18).
    /// </summary>
    internal sealed class Sealed(Dictionary<string, string> data) : System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(data);

    internal static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An instant as NodaTime's extended ISO text (exact to the nanosecond), or null for none.</summary>
    internal static string? Instant(NodaTime.Instant? value) => value is { } instant ? NodaTime.Text.InstantPattern.ExtendedIso.Format(instant) : null;
}

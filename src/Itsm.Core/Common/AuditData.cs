using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;

namespace Itsm.Common;

/// <summary>Builds the data of an audit entry: text values, nulls left out.</summary>
internal static class AuditData
{
    /// <summary>The data of an event that carries none (shared: audit data is read-only).</summary>
    internal static readonly IReadOnlyDictionary<string, string> Empty = new Sealed([]);

    // A span, so the caller's list of pairs lives on its stack: only the data itself is allocated.
    internal static IReadOnlyDictionary<string, string> Of(params ReadOnlySpan<(string Key, string? Value)> items)
    {
        int count = 0;
        foreach (var (_, value) in items)
        {
            count += value is null ? 0 : 1;
        }

        var pairs = new KeyValuePair<string, string>[count];
        int n = 0;
        foreach (var (key, value) in items)
        {
            if (value is null)
            {
                continue;
            }

            // Every event names each of its keys once.
            System.Diagnostics.Debug.Assert(IndexOf(pairs, n, key) < 0, "An audit data key is given twice.");
            pairs[n++] = new(key, value);
        }

        return new Sealed(pairs);
    }

    internal static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An instant as NodaTime's extended ISO text (exact to the nanosecond), or null for none.</summary>
    internal static string? Instant(NodaTime.Instant? value) => value is { } instant ? NodaTime.Text.InstantPattern.ExtendedIso.Format(instant) : null;

    private static int IndexOf(KeyValuePair<string, string>[] pairs, int count, string key)
    {
        for (int i = 0; i < count; i++)
        {
            if (string.Equals(pairs[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Data no one can change: built here from pairs no one else holds, in the order given, keys compared
    /// ordinally. An <see cref="Itsm.Persistence.AggregateWrite"/> keeps it as it is instead of copying it.
    /// An event's data holds a handful of keys, so it is one array searched in order rather than a hash
    /// table (a dictionary, its buckets, its entries and a read-only wrapper were four objects per command:
    /// issue 18). The largest event data has about ten keys.
    /// </summary>
    internal sealed class Sealed(KeyValuePair<string, string>[] pairs) : IReadOnlyDictionary<string, string>
    {
        public int Count => pairs.Length;

        public IEnumerable<string> Keys
        {
            get
            {
                foreach (var pair in pairs)
                {
                    yield return pair.Key;
                }
            }
        }

        public IEnumerable<string> Values
        {
            get
            {
                foreach (var pair in pairs)
                {
                    yield return pair.Value;
                }
            }
        }

        public string this[string key] =>
            TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The given key '{key}' was not present in the dictionary.");

        public bool ContainsKey(string key) => Find(key) >= 0;

        public bool TryGetValue(string key, out string value)
        {
            int i = Find(key);
            value = i >= 0 ? pairs[i].Value : null!;
            return i >= 0;
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)pairs).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private int Find(string key)
        {
            ArgumentNullException.ThrowIfNull(key);
            return IndexOf(pairs, pairs.Length, key);
        }
    }
}

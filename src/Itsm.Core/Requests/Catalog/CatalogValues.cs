using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Ardalis.GuardClauses;
using Itsm.Common;

namespace Itsm.Requests;

/// <summary>
/// The answers of a service request to its catalog item's variables: an immutable set of
/// (variable name, <see cref="CatalogValue"/>) pairs, each name once, held in ordinal name order.
/// Two sets are equal when they hold the same names with equal values, whatever order they were given in.
/// </summary>
/// <remarks>
/// At most <see cref="FieldLimits.Items"/> values; a name is valid id text of at most
/// <see cref="FieldLimits.Id"/> characters. Whether the answers fit the item is checked by
/// <see cref="CatalogItem.Validate"/> and when the request is submitted.
/// </remarks>
public sealed class CatalogValues : IReadOnlyDictionary<string, CatalogValue>, IEquatable<CatalogValues>
{
    private readonly KeyValuePair<string, CatalogValue>[] _values;

    private CatalogValues(KeyValuePair<string, CatalogValue>[] sorted)
    {
        _values = sorted;
    }

    /// <summary>No answers.</summary>
    public static CatalogValues Empty { get; } = new([]);

    /// <summary>The number of answers.</summary>
    public int Count => _values.Length;

    /// <summary>The variable names answered, in ordinal order.</summary>
    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var pair in _values)
            {
                yield return pair.Key;
            }
        }
    }

    /// <summary>The answers, in the ordinal order of their names.</summary>
    public IEnumerable<CatalogValue> Values
    {
        get
        {
            foreach (var pair in _values)
            {
                yield return pair.Value;
            }
        }
    }

    /// <summary>The answer to <paramref name="key"/>.</summary>
    /// <param name="key">The variable name.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="KeyNotFoundException">The variable is not answered.</exception>
    public CatalogValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No answer for variable '{IdText.Quote(key)}'.");

    /// <summary>Creates a set of answers.</summary>
    /// <param name="values">The answers, in any order, each variable name once.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentException">The list is null; a name is blank, too long or not valid id text, or named twice; a value is null.</exception>
    /// <exception cref="FieldLimitException">More than <see cref="FieldLimits.Items"/> answers.</exception>
    public static CatalogValues Of(IEnumerable<KeyValuePair<string, CatalogValue>> values)
    {
        Guard.Against.Null(values);
        var list = new List<KeyValuePair<string, CatalogValue>>();
        foreach (var pair in values)
        {
            FieldCheck.Required(pair.Key, FieldLimits.Id, nameof(values));
            IdText.Check(pair.Key, nameof(values));
            if (pair.Value is null)
            {
                throw new ArgumentException($"The answer to '{IdText.Quote(pair.Key)}' is null.", nameof(values));
            }

            list.Add(pair);
            FieldCheck.Count(list, FieldLimits.Items, nameof(values));
        }

        list.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        for (int i = 1; i < list.Count; i++)
        {
            if (list[i].Key == list[i - 1].Key)
            {
                throw new ArgumentException($"The variable '{IdText.Quote(list[i].Key)}' is answered twice.", nameof(values));
            }
        }

        return list.Count == 0 ? Empty : new(list.ToArray());
    }

    /// <summary>Creates a set of answers from (name, value) pairs.</summary>
    /// <param name="values">The answers, each variable name once.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentException">As for <see cref="Of(IEnumerable{KeyValuePair{string, CatalogValue}})"/>.</exception>
    /// <exception cref="FieldLimitException">More than <see cref="FieldLimits.Items"/> answers.</exception>
    public static CatalogValues Of(params (string Name, CatalogValue Value)[] values)
    {
        Guard.Against.Null(values);
        var pairs = new KeyValuePair<string, CatalogValue>[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            pairs[i] = new(values[i].Name, values[i].Value);
        }

        return Of(pairs);
    }

    /// <summary>This set with <paramref name="name"/> answered <paramref name="value"/> (replacing an earlier answer to it).</summary>
    /// <param name="name">The variable name.</param>
    /// <param name="value">The answer.</param>
    /// <returns>The new set; this one is unchanged.</returns>
    /// <exception cref="ArgumentException">As for <see cref="Of(IEnumerable{KeyValuePair{string, CatalogValue}})"/>.</exception>
    /// <exception cref="FieldLimitException">More than <see cref="FieldLimits.Items"/> answers.</exception>
    public CatalogValues With(string name, CatalogValue value)
    {
        var list = new List<KeyValuePair<string, CatalogValue>>(_values.Length + 1);
        foreach (var pair in _values)
        {
            if (pair.Key != name)
            {
                list.Add(pair);
            }
        }

        list.Add(new(name, value));
        return Of(list);
    }

    /// <summary>Whether <paramref name="key"/> is answered.</summary>
    /// <param name="key">The variable name.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <summary>The answer to <paramref name="key"/>, if any.</summary>
    /// <param name="key">The variable name.</param>
    /// <param name="value">The answer, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the variable is answered.</returns>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out CatalogValue value)
    {
        int i = IndexOf(key);
        value = i >= 0 ? _values[i].Value : null;
        return i >= 0;
    }

    /// <summary>The answers in the ordinal order of their names.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<KeyValuePair<string, CatalogValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, CatalogValue>>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(CatalogValues? other)
    {
        if (other is null || other._values.Length != _values.Length)
        {
            return false;
        }

        for (int i = 0; i < _values.Length; i++)
        {
            if (_values[i].Key != other._values[i].Key || !_values[i].Value.Equals(other._values[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as CatalogValues);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var pair in _values)
        {
            hash.Add(pair.Key, StringComparer.Ordinal);
            hash.Add(pair.Value);
        }

        return hash.ToHashCode();
    }

    /// <summary>The answers as <c>name=value</c> pairs, for messages and logs.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Join("; ", Array.ConvertAll(_values, p => $"{p.Key}={p.Value}"));

    private int IndexOf(string key)
    {
        if (key is null)
        {
            return -1;
        }

        int lo = 0, hi = _values.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = string.CompareOrdinal(_values[mid].Key, key);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using Itsm.Changes;
using Itsm.Improvement;
using Itsm.Incidents;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.ServiceDesk;

namespace Itsm.Engine;

/// <summary>
/// How an engine shows the numbers its store gives records (<see cref="Persistence.StoredAggregate.Number"/>):
/// a prefix per record type and a zero-padded number, <c>INC0000042</c>, the way people say a ticket on the
/// phone. The store keeps only the number, so changing a prefix or the padding changes how every record
/// reads, not what is stored.
/// </summary>
/// <remarks>
/// <para>The defaults follow ServiceNow: <c>INC</c> incidents, <c>PRB</c> problems, <c>CHG</c> changes,
/// <c>REQ</c> service requests (ServiceNow splits a request into REQ and its items, RITM; here one record
/// carries both, and takes the name people use), <c>IMS</c> service desk interactions, <c>CIM</c>
/// improvement register items (Continual Improvement Management), and seven digits. A number longer than
/// <see cref="Digits"/> is shown whole (<c>INC10000000</c>), never cut.</para>
/// <para>Numbers count per tenant and record type from 1: tenant A's first incident and tenant B's are
/// both <c>INC0000001</c>.</para>
/// </remarks>
public sealed record TicketNumbering
{
    /// <summary>The longest prefix accepted, in characters.</summary>
    public const int MaxPrefixLength = 8;

    /// <summary>The most digits accepted: a number of 18 digits still fits a <see cref="long"/>.</summary>
    public const int MaxDigits = 18;

    /// <summary>The ServiceNow-style numbering described on the type.</summary>
    public static TicketNumbering Default { get; } = new();

    /// <summary>
    /// The prefix of each record type, by record type name (<see cref="Incident.RecordType"/> and so on): one to
    /// <see cref="MaxPrefixLength"/> ASCII letters, no two equal ignoring case. Every record type of the engine
    /// needs one.
    /// </summary>
    public IReadOnlyDictionary<string, string> Prefixes { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Incident.RecordType] = "INC",
        [Problem.RecordType] = "PRB",
        [Change.RecordType] = "CHG",
        [ServiceRequest.RecordType] = "REQ",
        [Interaction.RecordType] = "IMS",
        [ImprovementItem.RecordType] = "CIM",
        [Itsm.Knowledge.KnowledgeArticle.RecordType] = "KB",
    };

    /// <summary>The digits a number is padded to with leading zeros: 1 to <see cref="MaxDigits"/>; 7 by default.</summary>
    public int Digits { get; init; } = 7;

    /// <summary>A record's number as people read it: its type's prefix and the number padded to <see cref="Digits"/>.</summary>
    /// <param name="recordType">The record type, for example <see cref="Incident.RecordType"/>.</param>
    /// <param name="number">The stored number: 1 or more.</param>
    /// <returns>For example <c>INC0000042</c>.</returns>
    /// <exception cref="ArgumentException">The record type has no prefix, or <paramref name="number"/> is below 1.</exception>
    public string Format(string recordType, long number)
    {
        ArgumentNullException.ThrowIfNull(recordType);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        if (!Prefixes.TryGetValue(recordType, out var prefix))
        {
            throw new ArgumentException($"No ticket number prefix is configured for record type '{Itsm.Text.QuotedText.Of(recordType)}'.", nameof(recordType));
        }

        return Format(prefix, Digits, number);
    }

    /// <summary>The prefix of <paramref name="recordType"/>, or null when it has none (the engine's services resolve it once).</summary>
    internal string? PrefixOf(string recordType) => Prefixes.TryGetValue(recordType, out var prefix) ? prefix : null;

    /// <summary><paramref name="number"/> (1 or more) padded to <paramref name="digits"/> after <paramref name="prefix"/>.</summary>
    internal static string Format(string prefix, int digits, long number)
    {
        // Every load of a numbered record formats its number: one string, written in place, no format string.
        int written = CountDigits((ulong)number);
        int padded = Math.Max(digits, written);
        return string.Create(prefix.Length + padded, (prefix, padded, number), static (text, s) =>
        {
            s.prefix.AsSpan().CopyTo(text);
            var digitsText = text[s.prefix.Length..];
            long rest = s.number;
            for (int i = digitsText.Length - 1; i >= 0; i--)
            {
                digitsText[i] = (char)('0' + (int)(rest % 10));
                rest /= 10;
            }
        });
    }

    private static int CountDigits(ulong value)
    {
        int count = 1;
        while (value >= 10)
        {
            value /= 10;
            count++;
        }

        return count;
    }

    /// <summary>
    /// Reads a number as people type it: a configured prefix (any case) followed by 1 to <see cref="MaxDigits"/>
    /// digits, leading zeros optional (<c>INC0000042</c>, <c>inc42</c>).
    /// </summary>
    /// <param name="text">The text; surrounding white space is ignored.</param>
    /// <param name="recordType">The record type the prefix names.</param>
    /// <param name="number">The number, 1 or more.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is a number of this numbering.</returns>
    public bool TryParse(string? text, out string recordType, out long number)
    {
        recordType = string.Empty;
        number = 0;
        if (text is null)
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        var letters = 0;
        while (letters < span.Length && char.IsAsciiLetter(span[letters]))
        {
            letters++;
        }

        var digits = span[letters..];
        if (letters == 0 || digits.IsEmpty || digits.Length > MaxDigits)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        var value = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        if (value == 0)
        {
            return false;
        }

        var prefix = span[..letters];
        foreach (var (type, candidate) in Prefixes)
        {
            if (prefix.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                recordType = type;
                number = value;
                return true;
            }
        }

        return false;
    }

    /// <summary>Every problem with this numbering for an engine of these record types, each a sentence; empty when it is valid.</summary>
    /// <param name="recordTypes">The record types the engine numbers.</param>
    /// <returns>The problems.</returns>
    internal IReadOnlyList<string> Validate(IEnumerable<string> recordTypes)
    {
        var errors = new List<string>();
        if (Digits is < 1 or > MaxDigits)
        {
            errors.Add($"TicketNumbers: Digits is {Digits.ToString(CultureInfo.InvariantCulture)}; it must be 1 to {MaxDigits.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (Prefixes is null)
        {
            errors.Add("TicketNumbers: the prefixes are missing.");
            return errors;
        }

        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (type, prefix) in Prefixes)
        {
            if (string.IsNullOrEmpty(prefix) || prefix.Length > MaxPrefixLength || !IsLetters(prefix))
            {
                errors.Add($"TicketNumbers: the prefix of {type} must be 1 to {MaxPrefixLength.ToString(CultureInfo.InvariantCulture)} ASCII letters.");
            }
            else if (!seen.TryAdd(prefix, type))
            {
                errors.Add($"TicketNumbers: {seen[prefix]} and {type} share the prefix '{prefix}'.");
            }
        }

        foreach (var type in recordTypes)
        {
            if (!Prefixes.ContainsKey(type))
            {
                errors.Add($"TicketNumbers: record type {type} has no prefix.");
            }
        }

        return errors;
    }

    private static bool IsLetters(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }
}

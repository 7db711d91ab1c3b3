using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Text.Json;
using Itsm.Services;

namespace Itsm.Common;

/// <summary>
/// The rules shared by the service-model fields of incidents, requests, problems and changes (service,
/// offering, configuration items, supplier, assignment group): typed ids that must not be
/// <c>default</c>, a configuration-item list without duplicates within <see cref="FieldLimits.Items"/>,
/// and the text forms the audit data and the SLA snapshots hold.
/// </summary>
internal static class TicketServiceFields
{
    /// <summary>The empty list every ticket without configuration items shares (read-only).</summary>
    internal static readonly ReadOnlyCollection<ConfigurationItemId> NoItems = new([]);

    /// <summary>The empty text list the snapshots of tickets without configuration items share.</summary>
    internal static readonly ReadOnlyCollection<string> NoItemTexts = new([]);

    /// <summary>Reads the service-model events every ticket type shares; null for any other command.</summary>
    internal static DomainEvent? ReadEvent(string command, IReadOnlyDictionary<string, string> data) => command switch
    {
        TicketServiceChanged.CommandName => TicketServiceChanged.Read(data),
        TicketConfigurationItemAdded.CommandName => TicketConfigurationItemAdded.Read(data),
        TicketConfigurationItemRemoved.CommandName => TicketConfigurationItemRemoved.Read(data),
        TicketSupplierAssigned.CommandName => TicketSupplierAssigned.Read(data),
        _ => null,
    };

    internal static void Check(ServiceId? id, string paramName) => Check(id?.Value, id is not null, paramName);

    internal static void Check(ServiceOfferingId? id, string paramName) => Check(id?.Value, id is not null, paramName);

    internal static void Check(SupplierId? id, string paramName) => Check(id?.Value, id is not null, paramName);

    internal static void Check(SupportGroupId? id, string paramName) => Check(id?.Value, id is not null, paramName);

    internal static void Check(ConfigurationItemId id, string paramName) => Check(id.Value, true, paramName);

    /// <summary>
    /// The configuration items a create command names, checked: none <c>default</c>, no duplicates, at most
    /// <see cref="FieldLimits.Items"/>; null reads as none.
    /// </summary>
    /// <exception cref="ArgumentException">A default id or a duplicate.</exception>
    /// <exception cref="FieldLimitException">More than <see cref="FieldLimits.Items"/>.</exception>
    internal static ReadOnlyCollection<ConfigurationItemId> Items(IReadOnlyList<ConfigurationItemId>? items, string paramName)
    {
        if (items is null || items.Count == 0)
        {
            return NoItems;
        }

        FieldCheck.Count(items, FieldLimits.Items, paramName);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var copy = new ConfigurationItemId[items.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            Check(items[i], paramName);
            if (!seen.Add(items[i].Value))
            {
                throw new ArgumentException($"Configuration item '{IdText.Quote(items[i].Value)}' is named twice.", paramName);
            }

            copy[i] = items[i];
        }

        return new ReadOnlyCollection<ConfigurationItemId>(copy);
    }

    /// <summary>The list with <paramref name="item"/> added at the end.</summary>
    internal static ReadOnlyCollection<ConfigurationItemId> With(ReadOnlyCollection<ConfigurationItemId> items, ConfigurationItemId item)
    {
        var copy = new ConfigurationItemId[items.Count + 1];
        items.CopyTo(copy, 0);
        copy[^1] = item;
        return new ReadOnlyCollection<ConfigurationItemId>(copy);
    }

    /// <summary>The list without <paramref name="item"/>; empty lists are the shared one.</summary>
    internal static ReadOnlyCollection<ConfigurationItemId> Without(ReadOnlyCollection<ConfigurationItemId> items, ConfigurationItemId item)
    {
        var copy = new List<ConfigurationItemId>(items.Count);
        foreach (var candidate in items)
        {
            if (candidate != item)
            {
                copy.Add(candidate);
            }
        }

        return copy.Count == 0 ? NoItems : copy.AsReadOnly();
    }

    /// <summary>Refuses setting the service and offering they already are.</summary>
    /// <exception cref="DomainRuleViolationException"><paramref name="code"/>: nothing would change.</exception>
    internal static void RequireServiceChange(string code, string record, ServiceId? service, ServiceOfferingId? offering, ServiceId? currentService, ServiceOfferingId? currentOffering)
    {
        if (service == currentService && offering == currentOffering)
        {
            throw new DomainRuleViolationException(code, $"The {record}'s service and offering are already {Describe(service?.Value)} and {Describe(offering?.Value)}.");
        }
    }

    /// <summary>Refuses assigning the supplier the ticket already has.</summary>
    /// <exception cref="DomainRuleViolationException"><paramref name="code"/>: nothing would change.</exception>
    internal static void RequireSupplierChange(string code, string record, SupplierId? supplier, SupplierId? current)
    {
        if (supplier == current)
        {
            throw new DomainRuleViolationException(code, supplier is null ? $"The {record} is not assigned to a supplier." : $"The {record} is already assigned to supplier {supplier}.");
        }
    }

    /// <summary>Refuses adding an item the ticket already names, or to a full list.</summary>
    /// <exception cref="DomainRuleViolationException"><paramref name="duplicateCode"/>, or <see cref="FieldLimits.CollectionFullCode"/>.</exception>
    internal static void RequireAddable(IReadOnlyList<ConfigurationItemId> items, ConfigurationItemId item, string duplicateCode, string record)
    {
        if (items.Contains(item))
        {
            throw new DomainRuleViolationException(duplicateCode, $"The {record} already names configuration item {item}.");
        }

        FieldCheck.Room(items.Count, FieldLimits.Items, record, "configuration items");
    }

    /// <summary>Refuses removing an item the ticket does not name.</summary>
    /// <exception cref="DomainRuleViolationException"><paramref name="missingCode"/>.</exception>
    internal static void RequireNamed(IReadOnlyList<ConfigurationItemId> items, ConfigurationItemId item, string missingCode, string record)
    {
        if (!items.Contains(item))
        {
            throw new DomainRuleViolationException(missingCode, $"The {record} does not name configuration item {item}.");
        }
    }

    /// <summary>The items as the SLA snapshot holds them.</summary>
    internal static ReadOnlyCollection<string> Texts(IReadOnlyList<ConfigurationItemId> items)
    {
        if (items.Count == 0)
        {
            return NoItemTexts;
        }

        var texts = new string[items.Count];
        for (int i = 0; i < texts.Length; i++)
        {
            texts[i] = items[i].Value;
        }

        return new ReadOnlyCollection<string>(texts);
    }

    /// <summary>The items as one audit data value (a JSON array of strings), or null for none (the key is then left out).</summary>
    internal static string? AuditText(IReadOnlyList<ConfigurationItemId> items)
    {
        if (items.Count == 0)
        {
            return null;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                writer.WriteStringValue(item.Value);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The items of an audit data value written by <see cref="AuditText"/> (none when absent); null when it is not such a list.</summary>
    internal static ReadOnlyCollection<ConfigurationItemId>? FromAuditText(string? text)
    {
        if (text is null)
        {
            return NoItems;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var items = new List<ConfigurationItemId>();
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var value = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
                if (!IsId(value) || items.Contains(new ConfigurationItemId(value!)))
                {
                    return null;
                }

                items.Add(new ConfigurationItemId(value!));
            }

            return items.Count == 0 ? NoItems : items.AsReadOnly();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="value"/> can be a typed id (so reading it back never throws).</summary>
    internal static bool IsId(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= FieldLimits.Id && IdText.IsValid(value);

    private static string Describe(string? id) => id is null ? "none" : "'" + IdText.Quote(id) + "'";

    private static void Check(string? value, bool present, string paramName)
    {
        if (present && value is null)
        {
            throw new ArgumentException("The id is default (it has no value); pass null for none, or a created id.", paramName);
        }
    }
}

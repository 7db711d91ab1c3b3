using System;
using System.Text.Json;
using Itsm.Common;
using Itsm.Text;

namespace Itsm.Routing;

/// <summary>
/// Assignment rules and on-call schedules read from one JSON document (docs/routing-json.md), beside the calendar
/// and agreement formats, so a host can keep its routing in configuration.
/// </summary>
public sealed class RoutingDefinition
{
    private RoutingDefinition(AssignmentRuleSet? rules, OnCallRota rota)
    {
        Rules = rules;
        Rota = rota;
    }

    /// <summary>The assignment rules, or <see langword="null"/> when the document has none.</summary>
    public AssignmentRuleSet? Rules { get; }

    /// <summary>The on-call schedules (empty when the document has none).</summary>
    public OnCallRota Rota { get; }

    /// <summary>Reads a routing definition.</summary>
    /// <param name="json">The document: an object with an optional <c>rules</c> object and an optional <c>schedules</c> list.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="RoutingDefinitionException">
    /// The text is not JSON, or the document breaks the format or a definition rule: every problem is listed, each with
    /// its path (parameter <c>json</c>).
    /// </exception>
    public static RoutingDefinition FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using (var document = DefinitionJson.ParseChecked(json, problem => new RoutingDefinitionException([problem], nameof(json))))
        {
            var reader = new RoutingJsonReader();
            var (rules, schedules) = reader.ReadDocument(document.RootElement);
            if (reader.Errors.Count > 0)
            {
                throw new RoutingDefinitionException(reader.Errors, nameof(json));
            }

            try
            {
                return new RoutingDefinition(rules, new OnCallRota(schedules));
            }
            catch (ArgumentException ex)
            {
                throw new RoutingDefinitionException([$"schedules: {Itsm.Text.QuotedText.Message(ex.Message)}"], nameof(json));
            }
        }
    }
}

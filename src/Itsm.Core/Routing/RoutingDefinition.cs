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
    /// <summary>A definition built in code, for example to write it with <see cref="ToJson"/>.</summary>
    /// <param name="rules">The assignment rules, or <see langword="null"/> for none.</param>
    /// <param name="rota">The on-call schedules; <see langword="null"/> for none.</param>
    public RoutingDefinition(AssignmentRuleSet? rules, OnCallRota? rota = null)
    {
        Rules = rules;
        Rota = rota ?? new OnCallRota([]);
    }

    /// <summary>
    /// Writes the definition in the format <see cref="FromJson"/> reads (docs/routing-json.md), indented; reading it
    /// gives an equal definition: the same rules in order, the same schedules in <see cref="OnCallRota.Groups"/> order
    /// with their layers, restrictions and overrides. Empty condition lists and an empty override list are left out,
    /// and the handoff period is written normalized (<c>P1W</c> as <c>P7D</c>).
    /// </summary>
    /// <returns>The JSON text.</returns>
    /// <exception cref="RoutingDefinitionException">A rotation's time zone is not a TZDB zone, which the format cannot name (parameter <c>definition</c>).</exception>
    public string ToJson() => RoutingJsonWriter.Write(this, indented: true);

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

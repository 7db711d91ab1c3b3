using System;
using System.Collections.Generic;
using System.Linq;

namespace Itsm.Samples.WebApi.Http;

/// <summary>
/// Which API command (the last path segment of <c>POST .../{id}/{command}</c>) runs which engine
/// action, per record type; filled while the endpoints are mapped. Used to translate the engine's
/// permitted triggers into the commands a client can send.
/// </summary>
public sealed class ApiCommandCatalog
{
    private readonly Dictionary<(string RecordType, string Action), string> _commands = [];
    private readonly object _gate = new();

    /// <summary>Records that <paramref name="command"/> runs <paramref name="actions"/> on <paramref name="recordType"/>.</summary>
    /// <param name="recordType">The record type, for example <c>Incident</c>.</param>
    /// <param name="command">The API command, for example <c>hold</c>.</param>
    /// <param name="actions">The engine actions, for example <c>PutOnHold</c>.</param>
    public void Add(string recordType, string command, params string[] actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        lock (_gate)
        {
            foreach (var action in actions)
            {
                _commands[(recordType, action)] = command;
            }
        }
    }

    /// <summary>The API commands that run any of <paramref name="actions"/>, in the order given, without duplicates.</summary>
    /// <param name="recordType">The record type.</param>
    /// <param name="actions">Engine actions (triggers).</param>
    /// <returns>The commands; actions the API does not expose are left out.</returns>
    public IReadOnlyList<string> CommandsFor(string recordType, IEnumerable<string> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        lock (_gate)
        {
            return actions
                .Select(a => _commands.TryGetValue((recordType, a), out var command) ? command : null)
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .ToArray();
        }
    }
}

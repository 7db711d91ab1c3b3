using System.Collections;
using System.Collections.Generic;

namespace Itsm.Common;

/// <summary>
/// An event's audit data with the <c>workflowState</c> key laid over it: what a command that changes a record's custom
/// state records. A view, not a copy, so the change costs one small object instead of a second dictionary; the
/// event's data never holds the key itself (the workflow events, which do, are recorded as they are).
/// </summary>
internal sealed class WorkflowStateAuditData(IReadOnlyDictionary<string, string> data, string state) : IReadOnlyDictionary<string, string>
{
    /// <summary>Whether no one can change it: the event's data under it is read-only (<see cref="AuditData.Sealed"/>), and the state is a string.</summary>
    internal bool IsSealed => data is AuditData.Sealed;

    public int Count => data.Count + 1;

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var key in data.Keys)
            {
                yield return key;
            }

            yield return AuditEntry.WorkflowStateKey;
        }
    }

    public IEnumerable<string> Values
    {
        get
        {
            foreach (var value in data.Values)
            {
                yield return value;
            }

            yield return state;
        }
    }

    public string this[string key] => key == AuditEntry.WorkflowStateKey ? state : data[key];

    public bool ContainsKey(string key) => key == AuditEntry.WorkflowStateKey || data.ContainsKey(key);

    public bool TryGetValue(string key, out string value)
    {
        if (key == AuditEntry.WorkflowStateKey)
        {
            value = state;
            return true;
        }

        return data.TryGetValue(key, out value!);
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        foreach (var pair in data)
        {
            yield return pair;
        }

        yield return new(AuditEntry.WorkflowStateKey, state);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

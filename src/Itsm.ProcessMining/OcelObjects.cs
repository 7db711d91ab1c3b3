using System.Collections.Generic;

namespace Itsm.ProcessMining;

/// <summary>The objects of the log being written, by id, in the order the log first names them.</summary>
internal sealed class OcelObjects
{
    private readonly Dictionary<string, OcelObject> _byId = new(System.StringComparer.Ordinal);
    private readonly List<OcelObject> _inOrder = [];

    /// <summary>The objects, in the order the log first named them.</summary>
    internal IReadOnlyList<OcelObject> InOrder => _inOrder;

    /// <summary>
    /// The object id of a record: <c>{record type}:{record id}</c>. A record type holds no colon, so the first
    /// colon splits the two and ids of different records never collide, across types too.
    /// </summary>
    internal static string IdOf(string recordType, string recordId) => recordType + ":" + recordId;

    /// <summary>The record's object, created (with no attributes yet) the first time the log names it.</summary>
    internal OcelObject GetOrAdd(string recordType, string recordId)
    {
        var id = IdOf(recordType, recordId);
        if (!_byId.TryGetValue(id, out var found))
        {
            found = new OcelObject(id, recordType);
            _byId.Add(id, found);
            _inOrder.Add(found);
        }

        return found;
    }
}

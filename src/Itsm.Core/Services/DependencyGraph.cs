using System;
using System.Collections.Generic;

namespace Itsm.Services;

/// <summary>
/// The configuration items as an indexed graph of their typed relationships: which items an outage
/// of each affects (and the reverse), the acyclic types' dependency edges, and every relationship
/// as an undirected edge (for "related within N hops").
/// </summary>
internal sealed class DependencyGraph
{
    private readonly string[] _ids;
    private readonly int[][] _dependsOn;
    private readonly int[][] _affects;
    private readonly int[][] _affectedBy;
    private readonly int[][] _related;
    private readonly Dictionary<string, int> _index;

    internal DependencyGraph(IEnumerable<ConfigurationItem> items)
    {
        var list = new List<ConfigurationItem>(items);
        list.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        _ids = new string[list.Count];
        _index = new Dictionary<string, int>(list.Count, StringComparer.Ordinal);
        for (int i = 0; i < list.Count; i++)
        {
            _ids[i] = list[i].Id;
            _index[list[i].Id] = i;
        }

        var dependsOn = Lists(list.Count);
        var affects = Lists(list.Count);
        var affectedBy = Lists(list.Count);
        var related = Lists(list.Count);
        for (int s = 0; s < list.Count; s++)
        {
            foreach (var relationship in list[s].Relationships)
            {
                int t = _index[relationship.Target];
                var type = relationship.Type;
                related[s].Add(t);
                related[t].Add(s);
                if (type.Flow is ImpactFlow.TargetToSource or ImpactFlow.Both)
                {
                    affects[t].Add(s);
                    affectedBy[s].Add(t);
                }

                if (type.Flow is ImpactFlow.SourceToTarget or ImpactFlow.Both)
                {
                    affects[s].Add(t);
                    affectedBy[t].Add(s);
                }

                if (type.Acyclic)
                {
                    // The dependent points at what it depends on: the source, unless the outage flows from it.
                    if (type.Flow == ImpactFlow.SourceToTarget)
                    {
                        dependsOn[t].Add(s);
                    }
                    else
                    {
                        dependsOn[s].Add(t);
                    }
                }
            }
        }

        _dependsOn = Arrays(dependsOn);
        _affects = Arrays(affects);
        _affectedBy = Arrays(affectedBy);
        _related = Arrays(related);
    }

    internal bool Contains(string id) => _index.ContainsKey(id);

    // The first cycle found by a depth-first search in id order, as its ids with the first repeated
    // at the end (a -> b -> a); null when the graph is acyclic. Iterative, so deep graphs do not
    // overflow the stack.
    internal List<string>? FindCycle()
    {
        var color = new byte[_ids.Length]; // 0 white, 1 on the path, 2 done
        var path = new List<int>();
        var next = new List<int>();
        for (int root = 0; root < _ids.Length; root++)
        {
            if (color[root] != 0)
            {
                continue;
            }

            path.Add(root);
            next.Add(0);
            color[root] = 1;
            while (path.Count > 0)
            {
                int top = path.Count - 1;
                int node = path[top];
                if (next[top] < _dependsOn[node].Length)
                {
                    int child = _dependsOn[node][next[top]++];
                    if (color[child] == 1)
                    {
                        var cycle = new List<string>();
                        for (int k = path.IndexOf(child); k < path.Count; k++)
                        {
                            cycle.Add(_ids[path[k]]);
                        }

                        cycle.Add(_ids[child]);
                        return cycle;
                    }

                    if (color[child] == 0)
                    {
                        color[child] = 1;
                        path.Add(child);
                        next.Add(0);
                    }
                }
                else
                {
                    color[node] = 2;
                    path.RemoveAt(top);
                    next.RemoveAt(top);
                }
            }
        }

        return null;
    }

    // The start items and everything an outage reaches from them (upward = the items their outage
    // affects, transitively) or that reaches them (downward = the items whose outage affects them).
    internal HashSet<string> Reach(IEnumerable<string> start, bool upward)
    {
        var seen = new bool[_ids.Length];
        var queue = new Queue<int>();
        foreach (var id in start)
        {
            int i = _index[id];
            if (!seen[i])
            {
                seen[i] = true;
                queue.Enqueue(i);
            }
        }

        var edges = upward ? _affects : _affectedBy;
        var result = new HashSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            int i = queue.Dequeue();
            result.Add(_ids[i]);
            foreach (int j in edges[i])
            {
                if (!seen[j])
                {
                    seen[j] = true;
                    queue.Enqueue(j);
                }
            }
        }

        return result;
    }

    // The start items and every item related to one of them, through relationships of any type in
    // either direction, within 'depth' hops (0: the start items alone).
    internal HashSet<string> Within(IEnumerable<string> start, int depth)
    {
        var hops = new int[_ids.Length];
        Array.Fill(hops, -1);
        var queue = new Queue<int>();
        foreach (var id in start)
        {
            if (_index.TryGetValue(id, out int i) && hops[i] < 0)
            {
                hops[i] = 0;
                queue.Enqueue(i);
            }
        }

        var result = new HashSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            int i = queue.Dequeue();
            result.Add(_ids[i]);
            if (hops[i] == depth)
            {
                continue;
            }

            foreach (int j in _related[i])
            {
                if (hops[j] < 0)
                {
                    hops[j] = hops[i] + 1;
                    queue.Enqueue(j);
                }
            }
        }

        return result;
    }

    private static List<int>[] Lists(int count)
    {
        var lists = new List<int>[count];
        for (int i = 0; i < count; i++)
        {
            lists[i] = [];
        }

        return lists;
    }

    private static int[][] Arrays(List<int>[] lists) => Array.ConvertAll(lists, l => l.ToArray());
}

using System;
using System.Collections.Generic;

namespace Itsm.Services;

/// <summary>The configuration items as an indexed graph: dependencies and their reverse (dependents).</summary>
internal sealed class DependencyGraph
{
    private readonly string[] _ids;
    private readonly int[][] _dependsOn;
    private readonly int[][] _dependents;
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

        _dependsOn = new int[list.Count][];
        var dependents = new List<int>[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            dependents[i] = [];
        }

        for (int i = 0; i < list.Count; i++)
        {
            var deps = list[i].DependsOn;
            _dependsOn[i] = new int[deps.Count];
            for (int j = 0; j < deps.Count; j++)
            {
                int d = _index[deps[j]];
                _dependsOn[i][j] = d;
                dependents[d].Add(i);
            }
        }

        _dependents = Array.ConvertAll(dependents, d => d.ToArray());
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

    // The start items and everything reachable from them along 'dependents' (upward = items that
    // depend on them) or 'dependsOn' (downward = what they depend on).
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

        var edges = upward ? _dependents : _dependsOn;
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
}

using System.Text;

namespace Itsm.Testing;

/// <summary>The scenario and the steps a run has taken, for a failure's message.</summary>
internal sealed class RunTrace(string scenario)
{
    private readonly StringBuilder _text = new StringBuilder("scenario: ").AppendLine(scenario).AppendLine("run:");

    public void Add(int step, string what, string outcome) =>
        _text.Append("  ").Append(step).Append(". ").Append(what).Append(" => ").AppendLine(outcome);

    public override string ToString() => _text.ToString();
}

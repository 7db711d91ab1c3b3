using System;
using Itsm.Approvals;
using NodaTime;

namespace Itsm.Core.Tests.Approvals;

/// <summary>The JSON definition of an approval chain (docs/approvals.md, "JSON").</summary>
public sealed class ApprovalChainJsonTests
{
    private const string Purchase = """
        {
          // A manager, then two of finance.
          "name": "Purchase",
          "levels": [
            { "name": "Manager", "rule": "any", "approvers": ["role:manager", "person:ceo"], "due": "PT8H" },
            { "name": "Finance", "rule": "quorum", "count": 2, "approvers": ["role:finance"], "due": "P2D" },
            { "name": "Anyone", "rule": "any" },
          ],
        }
        """;

    [Fact]
    public void A_definition_reads_into_the_chain_it_describes_and_writes_back_the_same()
    {
        var chain = ApprovalChain.FromJson(Purchase);
        var expected = new ApprovalChain("Purchase",
        [
            new ApprovalLevel("Manager", ApprovalRule.Any, [Approver.Role("manager"), Approver.Person("ceo")], Duration.FromHours(8)),
            new ApprovalLevel("Finance", ApprovalRule.Quorum(2), [Approver.Role("finance")], Duration.FromDays(2)),
            new ApprovalLevel("Anyone", ApprovalRule.Any, []),
        ]);
        Assert.Equal(expected, chain);
        Assert.Equal(chain, ApprovalChain.FromJson(chain.ToJson()));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_path()
    {
        const string bad = """
            { "name": "", "levels": [ { "name": "L", "rule": "most", "approvers": ["boss"], "due": "soon", "extra": 1 },
                                      { "name": "All", "rule": "all", "approvers": ["role:cab"] } ] }
            """;
        var e = Assert.Throws<ArgumentException>(() => ApprovalChain.FromJson(bad));
        Assert.Equal("json", e.ParamName);
        Assert.Contains("name: must be a non-blank string.", e.Message, StringComparison.Ordinal);
        Assert.Contains("levels[0].extra: is not a property", e.Message, StringComparison.Ordinal);
        Assert.Contains("levels[0].rule: 'most' is not any, all or quorum.", e.Message, StringComparison.Ordinal);
        Assert.Contains("levels[0].approvers[0]: must be \"person:<id>\" or \"role:<role>\".", e.Message, StringComparison.Ordinal);
        Assert.Contains("levels[0].due: must be an ISO 8601 duration", e.Message, StringComparison.Ordinal);
        Assert.Contains("levels[1]: A level decided by All names the people", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("The approval chain cannot be read", Assert.Throws<ArgumentException>(() => ApprovalChain.FromJson("{")).Message, StringComparison.Ordinal);
    }
}

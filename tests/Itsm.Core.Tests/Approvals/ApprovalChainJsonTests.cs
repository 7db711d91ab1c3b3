using System;
using System.Linq;
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
    public void Every_problem_is_reported_at_once_with_its_path_under_a_stable_code()
    {
        const string bad = """
            { "name": "", "levels": [ { "name": "L", "rule": "most", "approvers": ["boss"], "due": "soon", "extra": 1 },
                                      { "name": "All", "rule": "all", "approvers": ["role:cab"] } ] }
            """;

        var e = Assert.Throws<ApprovalChainDefinitionException>(() => ApprovalChain.FromJson(bad));

        Assert.Equal("ITSM-APPROVAL-DEF-001", e.Code);
        Assert.Equal("json", e.ParamName);
        string[] problems =
        [
            "name: must be a non-blank string.",
            "levels[0].extra: is not a property (expected name, rule, count, approvers, due).",
            "levels[0].rule: 'most' is not any, all or quorum.",
            "levels[0].approvers[0]: must be \"person:<id>\" or \"role:<role>\".",
            "levels[0].due: must be an ISO 8601 duration such as \"PT8H\".",
            "levels[1]: A level decided by All names the people who must all approve, and no role. (Parameter 'approvers')",
        ];
        Assert.Equal(problems, e.Errors);
        Assert.Equal(
            "Invalid approval chain (6 problems):" + string.Concat(problems.Select(p => Environment.NewLine + "- " + p)) + " (Parameter 'json')",
            e.Message);
    }

    [Fact]
    public void One_problem_is_the_whole_message()
    {
        var e = Assert.Throws<ApprovalChainDefinitionException>(() => ApprovalChain.FromJson("""{ "name": "n", "levels": [] }"""));

        Assert.Equal("ITSM-APPROVAL-DEF-001", e.Code);
        Assert.Equal(["levels: A chain has 1 to 20 levels; this one has 0. (Parameter 'levels')"], e.Errors);
        Assert.Equal("Invalid approval chain: levels: A chain has 1 to 20 levels; this one has 0. (Parameter 'levels') (Parameter 'json')", e.Message);
    }

    [Fact]
    public void Text_that_is_not_json_is_one_problem_under_the_same_code()
    {
        var e = Assert.Throws<ApprovalChainDefinitionException>(() => ApprovalChain.FromJson("{"));

        Assert.Equal(("ITSM-APPROVAL-DEF-001", "json"), (e.Code, e.ParamName));
        Assert.StartsWith("the text is not valid JSON: ", Assert.Single(e.Errors), StringComparison.Ordinal);
        Assert.StartsWith("Invalid approval chain: the text is not valid JSON: ", e.Message, StringComparison.Ordinal);
        Assert.Equal("json", Assert.Throws<ArgumentNullException>(() => ApprovalChain.FromJson(null!)).ParamName);
    }

    [Fact]
    public void The_definition_exception_is_an_argument_exception_so_existing_catches_still_hold()
    {
        ArgumentException e = Assert.Throws<ApprovalChainDefinitionException>(() => ApprovalChain.FromJson("""{ "name": "n" }"""));

        Assert.Equal("Invalid approval chain: levels: must be a list of levels. (Parameter 'json')", e.Message);
    }
}

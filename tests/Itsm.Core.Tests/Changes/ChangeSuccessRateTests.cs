using Itsm.Changes;
using static Itsm.Core.Tests.Changes.ChangeFixtures;

namespace Itsm.Core.Tests.Changes;

/// <summary>The change success rate: review outcomes of closed changes, incidents caused by a change counting against it.</summary>
public sealed class ChangeSuccessRateTests
{
    private static Change Closed(ChangeReviewOutcome outcome)
    {
        var change = InState(ChangeType.Standard, ChangeState.Review, NewClock());
        change.Close(Coordinator, outcome);
        return change;
    }

    [Fact]
    public void SuccessfulOutcomes_Count_FailedAndBackedOutDoNot_OpenChangesAreLeftOut()
    {
        var changes = new[]
        {
            Closed(ChangeReviewOutcome.Successful),
            Closed(ChangeReviewOutcome.SuccessfulWithIssues),
            Closed(ChangeReviewOutcome.Failed),
            Closed(ChangeReviewOutcome.BackedOut),
            InState(ChangeType.Normal, ChangeState.Implement, NewClock()),
        };

        var rate = ChangeSuccessRate.Of(changes);

        Assert.Equal(new ChangeSuccessRate(4, 2), rate);
        Assert.Equal(0.5, rate.Rate);
    }

    [Fact]
    public void AChangeThatCausedAnIncident_CountsAgainstTheRate()
    {
        var good = Closed(ChangeReviewOutcome.Successful);
        var culprit = Closed(ChangeReviewOutcome.Successful);

        var rate = ChangeSuccessRate.Of([good, culprit], [culprit.Id]);

        Assert.Equal(new ChangeSuccessRate(2, 1), rate);
    }

    [Fact]
    public void WithoutReviewedChanges_TheRateIsNull()
    {
        Assert.Null(ChangeSuccessRate.Of([]).Rate);
    }
}

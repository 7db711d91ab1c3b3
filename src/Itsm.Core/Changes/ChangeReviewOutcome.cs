namespace Itsm.Changes;

/// <summary>The outcome a change's review records (it feeds the change success rate).</summary>
public enum ChangeReviewOutcome
{
    /// <summary>Implemented as planned.</summary>
    Successful = 1,

    /// <summary>Implemented, with issues.</summary>
    SuccessfulWithIssues = 2,

    /// <summary>The implementation failed.</summary>
    Failed = 3,

    /// <summary>The change was backed out.</summary>
    BackedOut = 4,
}

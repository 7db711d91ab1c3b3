namespace Itsm.Knowledge;

/// <summary>The workflow states of a knowledge article (ServiceNow's <c>workflow_state</c>).</summary>
public enum KnowledgeArticleState
{
    /// <summary>Being written; only a draft is edited.</summary>
    Draft = 0,

    /// <summary>Submitted, waiting for a reviewer other than the author to publish it or send it back.</summary>
    Review = 1,

    /// <summary>Published: the only state in which incidents and problems may cite it.</summary>
    Published = 2,

    /// <summary>Retired (with a reason): no longer cited; it may be republished through review.</summary>
    Retired = 3,
}

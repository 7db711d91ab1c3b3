namespace Itsm.Knowledge;

/// <summary>The commands (Stateless triggers) a knowledge article accepts.</summary>
public enum KnowledgeArticleCommand
{
    /// <summary>Revise the title and body (Draft; same state).</summary>
    Update = 0,

    /// <summary>Submit the draft for review (Draft → Review).</summary>
    Submit = 1,

    /// <summary>Send the article back to its author with a reason (Review → Draft).</summary>
    SendBack = 2,

    /// <summary>Publish the reviewed article (Review → Published; not by the author).</summary>
    Publish = 3,

    /// <summary>Retire the published article with a reason (Published → Retired).</summary>
    Retire = 4,

    /// <summary>Bring a retired article back for review before it is published again (Retired → Review).</summary>
    Republish = 5,
}

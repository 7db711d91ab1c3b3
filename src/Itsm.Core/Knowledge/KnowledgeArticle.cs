using System;
using Ardalis.GuardClauses;
using Itsm.Common;
using NodaTime;
using Stateless;

namespace Itsm.Knowledge;

/// <summary>
/// A knowledge article: a title and a body (the symptom, the answer or the workaround) that incidents,
/// problems and known errors cite once it is published. An aggregate whose lifecycle is a Stateless state
/// machine over the state it holds: Draft → Review → Published → Retired, as ServiceNow's knowledge
/// workflow (see docs/lifecycles/knowledge-article.md for the diagram generated from it, and docs/knowledge.md).
/// </summary>
/// <remarks>
/// <para>Commands follow the contract of every lifecycle: arguments are checked first
/// (<see cref="ArgumentException"/> naming the parameter), then the state
/// (<see cref="InvalidTransitionException"/> naming the state, the command and the permitted
/// commands), then the command's rules (<see cref="DomainRuleViolationException"/> with a stable
/// <c>ITSM-KB-…</c> code). An accepted command changes the article, raises
/// <see cref="Aggregate{TId, TState, TCommand}.Version"/> by one and appends exactly one
/// <see cref="AuditEntry"/>; a refused one changes nothing. No state is terminal: a retired article may be
/// republished, through review.</para>
/// <para>Rules: an update changes the title or the body (<c>ITSM-KB-UPDATE-001</c>); the author does not
/// publish their own article (<c>ITSM-KB-PUBLISH-001</c>, compared by actor id), so every publication was
/// reviewed by a second person.</para>
/// <para>Time comes from the injected <see cref="IClock"/>. An article is not thread-safe.</para>
/// </remarks>
public sealed class KnowledgeArticle : Aggregate<KnowledgeArticleId, KnowledgeArticleState, KnowledgeArticleCommand>
{
    /// <summary>The record type used in audit entries and errors.</summary>
    public const string RecordType = "KnowledgeArticle";

    private KnowledgeArticle(TenantId tenant, KnowledgeArticleId id, IClock clock, Actor author, string title, string body)
        : base(RecordType, tenant, id, clock)
    {
        Author = author;
        Title = title;
        Body = body;
    }

    /// <summary>Who wrote it (the actor of <c>Create</c>).</summary>
    public Actor Author { get; }

    /// <summary>The title (the latest <see cref="Update"/>).</summary>
    public string Title { get; private set; }

    /// <summary>The body: the symptom, the answer or the workaround (the latest <see cref="Update"/>).</summary>
    public string Body { get; private set; }

    /// <summary>When it was created.</summary>
    public Instant CreatedAt { get; private set; }

    /// <summary>Why it was last sent back from review, or <see langword="null"/> if it never was.</summary>
    public string? SendBackReason { get; private set; }

    /// <summary>Who published it last (its reviewer), or <see langword="null"/> before its first publication.</summary>
    public Actor? PublishedBy { get; private set; }

    /// <summary>When it was published last, or <see langword="null"/> before its first publication.</summary>
    public Instant? PublishedAt { get; private set; }

    /// <summary>When it was retired last, or <see langword="null"/> if it never was.</summary>
    public Instant? RetiredAt { get; private set; }

    /// <summary>Why it was retired last, or <see langword="null"/> if it never was.</summary>
    public string? RetirementReason { get; private set; }

    /// <summary>Creates a new article in state <see cref="KnowledgeArticleState.Draft"/>.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The new article's id.</param>
    /// <param name="author">Who writes it.</param>
    /// <param name="title">The title (at most <see cref="FieldLimits.Title"/> characters).</param>
    /// <param name="body">The body (at most <see cref="FieldLimits.Text"/> characters).</param>
    /// <param name="clock">The clock commands take their time from.</param>
    /// <returns>The article, at version 1 with one audit entry (command <c>Create</c>).</returns>
    /// <exception cref="ArgumentException">An argument is null, blank, empty or too long.</exception>
    public static KnowledgeArticle Create(TenantId tenant, KnowledgeArticleId id, Actor author, string title, string body, IClock clock)
    {
        Guard.Against.NullOrWhiteSpace(tenant.Value, nameof(tenant));
        if (id.Value == Guid.Empty)
        {
            throw new ArgumentException("The knowledge article id must not be empty.", nameof(id));
        }

        Guard.Against.Null(author);
        FieldCheck.Required(title, FieldLimits.Title);
        FieldCheck.Required(body, FieldLimits.Text);
        Guard.Against.Null(clock);
        var article = new KnowledgeArticle(tenant, id, clock, author, title, body)
        {
            State = KnowledgeArticleState.Draft,
        };
        article.CreatedAt = clock.GetCurrentInstant();
        article.RecordCreation(author, article.CreatedAt, new KnowledgeArticleCreated(title, body));
        return article;
    }

    /// <summary>Rebuilds a stored article at <paramref name="version"/>: no guards, nothing recorded (the codec validates the state).</summary>
    internal static KnowledgeArticle Restore(
        TenantId tenant,
        KnowledgeArticleId id,
        long version,
        IClock clock,
        Actor author,
        string title,
        string body,
        KnowledgeArticleState state,
        Instant createdAt,
        string? sendBackReason,
        Actor? publishedBy,
        Instant? publishedAt,
        Instant? retiredAt,
        string? retirementReason)
    {
        var article = new KnowledgeArticle(tenant, id, clock, author, title, body)
        {
            State = state,
            CreatedAt = createdAt,
            SendBackReason = sendBackReason,
            PublishedBy = publishedBy,
            PublishedAt = publishedAt,
            RetiredAt = retiredAt,
            RetirementReason = retirementReason,
        };
        article.Restore(version);
        return article;
    }

    /// <summary>Revises the title and body of a draft.</summary>
    /// <param name="actor">Who revises it.</param>
    /// <param name="title">The title.</param>
    /// <param name="body">The body.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null, or <paramref name="title"/> or <paramref name="body"/> is blank or too long.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (only a draft is edited).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-KB-UPDATE-001</c>: neither the title nor the body changes.</exception>
    public void Update(Actor actor, string title, string body)
    {
        Guard.Against.Null(actor);
        FieldCheck.Required(title, FieldLimits.Title);
        FieldCheck.Required(body, FieldLimits.Text);
        Execute(actor, KnowledgeArticleCommand.Update, _ =>
        {
            Title = title;
            Body = body;
        }, new KnowledgeArticleUpdated(title, body), () =>
        {
            if (string.Equals(title, Title, StringComparison.Ordinal) && string.Equals(body, Body, StringComparison.Ordinal))
            {
                throw Rule("ITSM-KB-UPDATE-001", "The update changes neither the title nor the body.");
            }
        });
    }

    /// <summary>Submits the draft for review (<see cref="KnowledgeArticleState.Review"/>).</summary>
    /// <param name="actor">Who submits it.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    public void Submit(Actor actor)
    {
        Guard.Against.Null(actor);
        Execute(actor, KnowledgeArticleCommand.Submit, static _ => { }, new KnowledgeArticleSubmitted());
    }

    /// <summary>Sends the article back from review to its author (<see cref="KnowledgeArticleState.Draft"/>), with a reason.</summary>
    /// <param name="reviewer">Who sends it back.</param>
    /// <param name="reason">What to change.</param>
    /// <exception cref="ArgumentException"><paramref name="reviewer"/> is null or <paramref name="reason"/> is blank or too long.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    public void SendBack(Actor reviewer, string reason)
    {
        Guard.Against.Null(reviewer);
        FieldCheck.Required(reason, FieldLimits.Text);
        Execute(reviewer, KnowledgeArticleCommand.SendBack, _ => SendBackReason = reason, new KnowledgeArticleSentBack(reason));
    }

    /// <summary>Publishes the reviewed article (<see cref="KnowledgeArticleState.Published"/>): from now on it may be cited.</summary>
    /// <param name="reviewer">Who publishes it; not the author.</param>
    /// <exception cref="ArgumentException"><paramref name="reviewer"/> is null.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-KB-PUBLISH-001</c>: the reviewer is the author.</exception>
    public void Publish(Actor reviewer)
    {
        Guard.Against.Null(reviewer);
        Execute(reviewer, KnowledgeArticleCommand.Publish, at =>
        {
            PublishedBy = reviewer;
            PublishedAt = at;
        }, new KnowledgeArticlePublished(), () =>
        {
            if (string.Equals(reviewer.Id, Author.Id, StringComparison.Ordinal))
            {
                throw Rule("ITSM-KB-PUBLISH-001", $"{reviewer.Id} wrote knowledge article {Id} and cannot publish it: a second person reviews every publication.");
            }
        });
    }

    /// <summary>Retires the published article (<see cref="KnowledgeArticleState.Retired"/>), with a reason: it can no longer be cited.</summary>
    /// <param name="actor">Who retires it.</param>
    /// <param name="reason">Why.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null or <paramref name="reason"/> is blank or too long.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    public void Retire(Actor actor, string reason)
    {
        Guard.Against.Null(actor);
        FieldCheck.Required(reason, FieldLimits.Text);
        Execute(actor, KnowledgeArticleCommand.Retire, at =>
        {
            RetiredAt = at;
            RetirementReason = reason;
        }, new KnowledgeArticleRetired(reason));
    }

    /// <summary>
    /// Brings a retired article back to <see cref="KnowledgeArticleState.Review"/>: a reviewer other than the
    /// author publishes it again (ServiceNow lets knowledge administrators republish retired articles through the
    /// knowledge base's publish workflow). <see cref="RetiredAt"/> and <see cref="RetirementReason"/> keep the last retirement.
    /// </summary>
    /// <param name="actor">Who brings it back.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    public void Republish(Actor actor)
    {
        Guard.Against.Null(actor);
        Execute(actor, KnowledgeArticleCommand.Republish, static _ => { }, new KnowledgeArticleRepublished());
    }

    /// <summary>The article's id and state.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"KnowledgeArticle {Id} ({State})";

    private static DomainRuleViolationException Rule(string code, string message) => new(code, message);

    private protected override void ConfigureLifecycle(StateMachine<KnowledgeArticleState, KnowledgeArticleCommand> machine, Func<Aggregate<KnowledgeArticleId, KnowledgeArticleState, KnowledgeArticleCommand>> current) =>
        KnowledgeArticleLifecycle.Configure(machine);
}

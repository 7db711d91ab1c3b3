using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Ardalis.GuardClauses;
using NodaTime;
using Itsm.Common;
using Itsm.Text;

namespace Itsm.Sla;

/// <summary>
/// A service level agreement, operational level agreement or underpinning contract: the tickets
/// it applies to (<see cref="Scope"/>) and its targets (response, resolution, or host-defined).
/// </summary>
/// <remarks>An agreement is validated when it is created and is immutable afterwards.</remarks>
public sealed class Agreement
{
    /// <summary>Creates and validates an agreement.</summary>
    /// <param name="id">A unique, non-empty id (for example <c>"SLA-GOLD"</c>); it names the agreement in timelines and audit logs.</param>
    /// <param name="name">A display name.</param>
    /// <param name="kind">SLA, OLA or underpinning contract.</param>
    /// <param name="scope">The tickets it applies to.</param>
    /// <param name="targets">Its targets, at most one per metric.</param>
    /// <exception cref="SlaDefinitionException">The definition is invalid; every problem is listed.</exception>
    public Agreement(string id, string name, AgreementKind kind, AgreementScope scope, IEnumerable<SlaTarget> targets)
    {
        var list = targets?.ToArray() ?? [];
        var errors = Validate(id, name, kind, scope, list, targets is null);
        if (errors.Count > 0)
        {
            throw new SlaDefinitionException(errors);
        }

        Id = id;
        Name = name;
        Kind = kind;
        Scope = scope;
        Targets = list;
    }

    /// <summary>The agreement's unique id.</summary>
    public string Id { get; }

    /// <summary>The display name.</summary>
    public string Name { get; }

    /// <summary>SLA, OLA or underpinning contract.</summary>
    public AgreementKind Kind { get; }

    /// <summary>The tickets the agreement applies to.</summary>
    public AgreementScope Scope { get; }

    /// <summary>The targets, one per metric.</summary>
    public IReadOnlyList<SlaTarget> Targets { get; }

    /// <summary>
    /// The supplier an underpinning contract is with (a <see cref="Itsm.Services.Supplier"/> of the
    /// service model), or <see langword="null"/> when none is named (always for an SLA or OLA). The
    /// agreement JSON's optional <c>supplier</c> field. With both agreements and a service model,
    /// <c>ItsmEngineOptions.Validate</c> reports a UC whose supplier is not in the model, or a supplier
    /// whose contract is not one of its UCs.
    /// </summary>
    /// <remarks>
    /// The supplier is part of the contract's scope: a UC that names a supplier applies only to tickets whose
    /// <see cref="TicketSnapshot.Supplier"/> is that supplier (assigned to it, or on hold waiting for it), besides
    /// whatever <see cref="Scope"/> restricts (<see cref="Covers"/>), so its clock starts when the supplier gets the
    /// ticket, as a contract with that supplier should, even with <see cref="AgreementScope.Everything"/>. A scope
    /// that lists suppliers must list this one (listing it is allowed, and changes nothing); a scope that lists
    /// only other suppliers would never apply, and is refused.
    /// </remarks>
    /// <exception cref="ArgumentException">Set on an agreement that is not an underpinning contract.</exception>
    /// <exception cref="SlaDefinitionException">The scope lists suppliers and not this one (code <see cref="SlaDefinitionException.ErrorCode"/>).</exception>
    public Itsm.Services.SupplierId? Supplier
    {
        get;
        init
        {
            if (value is not null && Kind != AgreementKind.UnderpinningContract)
            {
                throw new ArgumentException($"Agreement '{QuotedText.Of(Id)}' is {Kind}; only an underpinning contract names a supplier.", nameof(value));
            }

            if (value is { } supplier && SupplierOutsideScope(Scope, supplier.Value) is { } problem)
            {
                throw new SlaDefinitionException([problem], nameof(value));
            }

            field = value;
        }
    }

    /// <summary>
    /// Whether the agreement applies to the ticket as it is in <paramref name="snapshot"/>: its <see cref="Scope"/>
    /// covers it and, for an underpinning contract that names its <see cref="Supplier"/>, the ticket's supplier is
    /// that supplier. The SLA tracker attaches a clock only while this holds (with the target's start condition).
    /// </summary>
    /// <param name="snapshot">The ticket snapshot.</param>
    /// <returns><see langword="true"/> when the agreement applies.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public bool Covers(TicketSnapshot snapshot) =>
        Scope.Covers(snapshot) && (Supplier is not { } supplier || string.Equals(supplier.Value, snapshot.Supplier, StringComparison.Ordinal));

    /// <summary>The problem (as a definition error) when <paramref name="scope"/> lists suppliers but not <paramref name="supplier"/>; else null.</summary>
    internal static string? SupplierOutsideScope(AgreementScope scope, string supplier) =>
        scope.Suppliers is { Count: > 0 } listed && !listed.Contains(supplier, StringComparer.Ordinal)
            ? $"supplier: '{QuotedText.Of(supplier)}' is not among the scope's suppliers ({string.Join(", ", listed.Select(s => $"'{QuotedText.Of(s)}'"))}); an underpinning contract applies only to its supplier's tickets."
            : null;

    /// <summary>The target for <paramref name="metric"/>, or <see langword="null"/>.</summary>
    /// <param name="metric">The metric.</param>
    /// <returns>The target, or <see langword="null"/>.</returns>
    public SlaTarget? TargetFor(SlaMetric metric) => Targets.FirstOrDefault(t => t.Metric == metric);

    /// <summary>Loads one agreement from its JSON definition (docs/sla-definitions-json.md).</summary>
    /// <param name="json">The JSON object of one agreement.</param>
    /// <returns>The agreement.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="SlaDefinitionException">The JSON is malformed or the definition invalid; every problem is listed with its location.</exception>
    public static Agreement FromJson(string json) => AgreementJson.ReadOne(Guard.Against.Null(json), nameof(json));

    /// <summary>Writes the agreement's definition as JSON; <see cref="FromJson(string)"/> reads it back.</summary>
    /// <returns>Indented JSON.</returns>
    /// <exception cref="InvalidOperationException">A condition is written in code (<see cref="SlaCondition.Predicate"/>) and has no JSON form.</exception>
    public string ToJson() => AgreementJson.WriteOne(this);

    /// <summary>Loads a list of agreements from a document <c>{ "agreements": [ ... ] }</c>.</summary>
    /// <param name="json">The JSON document.</param>
    /// <returns>The agreements, in document order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="SlaDefinitionException">The JSON is malformed, a definition is invalid, or two agreements share an id; every problem is listed.</exception>
    public static IReadOnlyList<Agreement> ListFromJson(string json) => AgreementJson.ReadMany(Guard.Against.Null(json), nameof(json));

    /// <summary>Writes agreements as a document <c>{ "agreements": [ ... ] }</c>; <see cref="ListFromJson(string)"/> reads it back.</summary>
    /// <param name="agreements">The agreements.</param>
    /// <returns>Indented JSON.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="agreements"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A condition is written in code and has no JSON form.</exception>
    public static string ListToJson(IEnumerable<Agreement> agreements) => AgreementJson.WriteMany(Guard.Against.Null(agreements));

    /// <summary>The agreement's id and name.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Id} ({Name})";

    internal static List<string> Validate(string? id, string? name, AgreementKind kind, AgreementScope? scope, SlaTarget[] targets, bool targetsNull)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add("id: must not be empty.");
        }
        else if (id.Length > FieldLimits.Id)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"id: is {id.Length} characters long; at most {FieldLimits.Id} (FieldLimits.Id)."));
        }

        if (name is null)
        {
            errors.Add("name: must not be null.");
        }
        else if (name.Length > FieldLimits.Id)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"name: is {name.Length} characters long; at most {FieldLimits.Id} (FieldLimits.Id)."));
        }

        if (kind is not (AgreementKind.ServiceLevelAgreement or AgreementKind.OperationalLevelAgreement or AgreementKind.UnderpinningContract))
        {
            errors.Add($"kind: {kind} is not an agreement kind.");
        }

        if (scope is null)
        {
            errors.Add("scope: must not be null (use AgreementScope.Everything).");
        }
        else if (scope.Services is null || scope.Offerings is null || scope.AssignmentGroups is null || scope.Suppliers is null || scope.ConfigurationItems is null || scope.Priorities is null)
        {
            errors.Add("scope: its lists must not be null (use empty lists for no restriction).");
        }

        if (targetsNull || targets.Length == 0)
        {
            errors.Add("targets: an agreement needs at least one target.");
        }

        var metrics = new HashSet<string>();
        for (int i = 0; i < targets.Length; i++)
        {
            string at = $"targets[{i}]";
            var target = targets[i];
            if (target is null)
            {
                errors.Add($"{at}: must not be null.");
                continue;
            }

            if (target.Metric.Name is null)
            {
                errors.Add($"{at}.metric: must be set.");
            }
            else if (!metrics.Add(target.Metric.Name))
            {
                errors.Add($"{at}.metric: '{QuotedText.Of(target.Metric)}' appears more than once; an agreement has one target per metric.");
            }

            if (target.Durations is null || target.Durations.Count == 0)
            {
                errors.Add($"{at}.durations: give a target duration for at least one priority.");
            }
            else
            {
                foreach (var (priority, duration) in target.Durations.OrderBy(p => p.Key.Value))
                {
                    if (priority.Value is < 1 or > 5)
                    {
                        errors.Add($"{at}.durations: {priority.Value} is not a priority (1 to 5).");
                    }
                    else if (duration <= Duration.Zero)
                    {
                        errors.Add($"{at}.durations: the target for priority {priority.Value} must be positive, not {duration}.");
                    }
                    else if (duration > MaxTarget)
                    {
                        errors.Add(string.Create(CultureInfo.InvariantCulture, $"{at}.durations: the target for priority {priority.Value} is longer than {FieldLimits.MaxTargetDays} days (FieldLimits.MaxTargetDays)."));
                    }
                }
            }

            if (target.WarningThresholds is null)
            {
                errors.Add($"{at}.warningThresholds: must not be null (use an empty list for no warnings).");
            }
            else
            {
                foreach (double percent in target.WarningThresholds)
                {
                    if (double.IsNaN(percent) || percent <= 0 || percent > 1000)
                    {
                        errors.Add(string.Create(CultureInfo.InvariantCulture, $"{at}.warningThresholds: {percent} is not a percentage above 0 and at most 1000."));
                    }
                }
            }

            if (target.CalendarId is not null && string.IsNullOrWhiteSpace(target.CalendarId))
            {
                errors.Add($"{at}.calendar: must not be blank (omit it for 24x7).");
            }
            else if (target.CalendarId is { Length: > FieldLimits.Id })
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{at}.calendar: is {target.CalendarId.Length} characters long; at most {FieldLimits.Id} (FieldLimits.Id)."));
            }

            var conditions = target.Conditions;
            if (conditions is null || conditions.Start is null || conditions.Stop is null || conditions.Pause is null || conditions.Cancel is null || conditions.Reset is null)
            {
                errors.Add($"{at}.conditions: start and stop are required, and pause, cancel and reset must not be null.");
            }
            else
            {
                CheckDepth(conditions, at, errors);
            }

            if (!Enum.IsDefined(target.PriorityChangePolicy))
            {
                errors.Add($"{at}.priorityChange: {target.PriorityChangePolicy} is not a policy.");
            }

            if (!Enum.IsDefined(target.Profile))
            {
                errors.Add($"{at}.profile: {target.Profile} is not a profile.");
            }

            if (target.CancelWhen is { } cancelWhen && !Enum.IsDefined(cancelWhen))
            {
                errors.Add($"{at}.whenToCancel: {cancelWhen} is not a cancel rule.");
            }

            if (!Enum.IsDefined(target.RetroactiveStart))
            {
                errors.Add($"{at}.retroactiveStart: {target.RetroactiveStart} is not a retroactive start.");
            }

            if (target.PriorityChangePolicy == PriorityChangePolicy.CancelAndRestartRetroactive && target.Profile != SlaProfile.Itsm)
            {
                errors.Add($"{at}.priorityChange: cancelAndRestartRetroactive is the itsm profile's; use cancelAndAttach with retroactiveStart.");
            }

            if (target.PriorityChangePolicy == PriorityChangePolicy.CancelAndRestartRetroactive && target.RetroactiveStart != SlaRetroactiveStart.None)
            {
                errors.Add($"{at}.retroactiveStart: cancelAndRestartRetroactive already restarts from the opening; use cancelAndAttach with retroactiveStart.");
            }

            if (target.Profile == SlaProfile.JiraServiceManagement && target.RetroactiveStart != SlaRetroactiveStart.None)
            {
                errors.Add($"{at}.retroactiveStart: Jira Service Management has no retroactive start (a goal change already applies to the whole cycle).");
            }
        }

        return errors;
    }

    /// <summary>The longest target: <see cref="FieldLimits.MaxTargetDays"/> days.</summary>
    internal static readonly Duration MaxTarget = Duration.FromDays(FieldLimits.MaxTargetDays);

    private static void CheckDepth(SlaConditions conditions, string at, List<string> errors)
    {
        foreach (var (name, condition) in new[] { ("start", conditions.Start), ("stop", conditions.Stop), ("pause", conditions.Pause), ("resume", conditions.Resume), ("cancel", conditions.Cancel), ("reset", conditions.Reset) })
        {
            if (condition is not null && condition.Depth > FieldLimits.ConditionDepth)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{at}.conditions.{name}: nests {condition.Depth} levels deep; at most {FieldLimits.ConditionDepth} (FieldLimits.ConditionDepth)."));
            }
        }
    }
}

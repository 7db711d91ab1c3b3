using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Requests;

namespace Itsm.Governance;

/// <summary>
/// One control as data: an id, a name, a built-in <see cref="ControlKind"/> and the parameters that kind
/// takes. <see cref="ControlEvaluator.Evaluate"/> checks controls against the audit log of a period;
/// docs/governance.md describes each kind and the JSON format (<see cref="FromJson"/>, <see cref="ListFromJson"/>).
/// Immutable.
/// </summary>
/// <remarks>
/// Parameters by kind: <see cref="ControlKind.EmergencyChangeReviewed"/> and <see cref="ControlKind.MajorIncidentReviewed"/>
/// take <see cref="Days"/> (0 to <see cref="MaxDays"/>) and <see cref="DayCount"/>; <see cref="ControlKind.NoSelfApproval"/>
/// takes <see cref="RecordTypes"/>; <see cref="ControlKind.NoChangeInBlackout"/> takes <see cref="Blackouts"/> (at least one);
/// <see cref="ControlKind.NormalChangeAuthorized"/> takes none (the change authority policy is the engine's,
/// <see cref="ControlEvaluationOptions.ChangeAuthority"/>). A kind holds no parameter it does not take.
/// </remarks>
public sealed class ControlDefinition
{
    /// <summary>The most days a review control allows.</summary>
    public const int MaxDays = 366;

    /// <summary>The record types <see cref="ControlKind.NoSelfApproval"/> can check: changes and service requests.</summary>
    public static IReadOnlyList<string> ApprovalRecordTypes { get; } = Array.AsReadOnly(new[] { Change.RecordType, ServiceRequest.RecordType });

    private ControlDefinition(string id, string name, ControlKind kind, int? days, DayCount? dayCount, IReadOnlyList<string> recordTypes, IReadOnlyList<BlackoutWindow> blackouts)
    {
        Id = id;
        Name = name;
        Kind = kind;
        Days = days;
        DayCount = dayCount;
        RecordTypes = recordTypes;
        Blackouts = blackouts;
    }

    /// <summary>The control's id: unique among the controls evaluated together, for example <c>"CHG-01"</c>.</summary>
    public string Id { get; }

    /// <summary>The control's display name (the id when none was given).</summary>
    public string Name { get; }

    /// <summary>What the control checks.</summary>
    public ControlKind Kind { get; }

    /// <summary>For the review kinds: how many days the review may come after what starts it (0: on the same date); otherwise <see langword="null"/>.</summary>
    public int? Days { get; }

    /// <summary>For the review kinds: how <see cref="Days"/> are counted; otherwise <see langword="null"/>.</summary>
    public DayCount? DayCount { get; }

    /// <summary>For <see cref="ControlKind.NoSelfApproval"/>: the record types checked, in <see cref="ApprovalRecordTypes"/> order; otherwise empty.</summary>
    public IReadOnlyList<string> RecordTypes { get; }

    /// <summary>For <see cref="ControlKind.NoChangeInBlackout"/>: the blackout windows, as given; otherwise empty.</summary>
    public IReadOnlyList<BlackoutWindow> Blackouts { get; }

    /// <summary>Every normal change is authorised by its change authority before its implementation starts.</summary>
    /// <param name="id">The control's id.</param>
    /// <param name="name">Its display name; <see langword="null"/> for the id.</param>
    /// <returns>The control.</returns>
    /// <exception cref="ControlDefinitionException">The id or name is invalid.</exception>
    public static ControlDefinition NormalChangeAuthorized(string id, string? name = null) =>
        Create(id, name, ControlKind.NormalChangeAuthorized, null, null, null, null);

    /// <summary>Every emergency change is reviewed within <paramref name="days"/> of its implementation's completion.</summary>
    /// <param name="id">The control's id.</param>
    /// <param name="days">The days allowed, 0 to <see cref="MaxDays"/>.</param>
    /// <param name="dayCount">How the days are counted.</param>
    /// <param name="name">Its display name; <see langword="null"/> for the id.</param>
    /// <returns>The control.</returns>
    /// <exception cref="ControlDefinitionException">The id, name, days or day count is invalid.</exception>
    public static ControlDefinition EmergencyChangeReviewed(string id, int days, DayCount dayCount, string? name = null) =>
        Create(id, name, ControlKind.EmergencyChangeReviewed, days, dayCount, null, null);

    /// <summary>Nobody approves a change or a service request they requested.</summary>
    /// <param name="id">The control's id.</param>
    /// <param name="recordTypes">The record types to check (of <see cref="ApprovalRecordTypes"/>); <see langword="null"/> for both.</param>
    /// <param name="name">Its display name; <see langword="null"/> for the id.</param>
    /// <returns>The control.</returns>
    /// <exception cref="ControlDefinitionException">The id or name is invalid, or a record type is not one of <see cref="ApprovalRecordTypes"/>, or given twice, or none is given.</exception>
    public static ControlDefinition NoSelfApproval(string id, IEnumerable<string>? recordTypes = null, string? name = null) =>
        Create(id, name, ControlKind.NoSelfApproval, null, null, recordTypes?.ToArray(), null);

    /// <summary>Every major incident has a post-incident review within <paramref name="days"/> of its resolution.</summary>
    /// <param name="id">The control's id.</param>
    /// <param name="days">The days allowed, 0 to <see cref="MaxDays"/>.</param>
    /// <param name="dayCount">How the days are counted.</param>
    /// <param name="name">Its display name; <see langword="null"/> for the id.</param>
    /// <returns>The control.</returns>
    /// <exception cref="ControlDefinitionException">The id, name, days or day count is invalid.</exception>
    public static ControlDefinition MajorIncidentReviewed(string id, int days, DayCount dayCount, string? name = null) =>
        Create(id, name, ControlKind.MajorIncidentReviewed, days, dayCount, null, null);

    /// <summary>No change other than an emergency change is implemented inside one of <paramref name="blackouts"/>.</summary>
    /// <param name="id">The control's id.</param>
    /// <param name="blackouts">The blackout windows (at least one).</param>
    /// <param name="name">Its display name; <see langword="null"/> for the id.</param>
    /// <returns>The control.</returns>
    /// <exception cref="ControlDefinitionException">The id or name is invalid, or there is no blackout window, or one is null.</exception>
    public static ControlDefinition NoChangeInBlackout(string id, IEnumerable<BlackoutWindow> blackouts, string? name = null) =>
        Create(id, name, ControlKind.NoChangeInBlackout, null, null, null, blackouts?.ToArray() ?? []);

    /// <summary>Reads one control from JSON (docs/governance.md, "JSON format").</summary>
    /// <param name="json">The JSON text of one control object.</param>
    /// <returns>The control.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ControlDefinitionException">The text is not valid JSON or not a valid control; every problem is listed with its JSON path.</exception>
    public static ControlDefinition FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ControlDefinitionJson.ReadOne(json, nameof(json));
    }

    /// <summary>Reads a document <c>{ "controls": [ ... ] }</c> (docs/governance.md, "JSON format").</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The controls, in document order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ControlDefinitionException">The text is not valid JSON, a control is invalid, or two controls share an id; every problem is listed with its JSON path.</exception>
    public static IReadOnlyList<ControlDefinition> ListFromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ControlDefinitionJson.ReadMany(json, nameof(json));
    }

    /// <summary>Writes controls as a document <c>{ "controls": [ ... ] }</c> that <see cref="ListFromJson"/> reads back to equal controls.</summary>
    /// <param name="controls">The controls.</param>
    /// <returns>The JSON text, indented.</returns>
    /// <exception cref="ArgumentException"><paramref name="controls"/> is null or holds a null control.</exception>
    public static string ListToJson(IEnumerable<ControlDefinition> controls)
    {
        var list = controls?.ToArray() ?? throw new ArgumentException("The controls are null.", nameof(controls));
        if (Array.Exists(list, c => c is null))
        {
            throw new ArgumentException("A control is null.", nameof(controls));
        }

        return ControlDefinitionJson.WriteMany(list);
    }

    /// <summary>Writes the control as a JSON object that <see cref="FromJson"/> reads back to an equal control.</summary>
    /// <returns>The JSON text, indented.</returns>
    public string ToJson() => ControlDefinitionJson.WriteOne(this);

    /// <summary>The control's id, kind and parameters as text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Kind switch
    {
        ControlKind.EmergencyChangeReviewed or ControlKind.MajorIncidentReviewed => $"{Id} ({Kind}, {Days} {DayCount} day(s))",
        ControlKind.NoSelfApproval => $"{Id} ({Kind}: {string.Join(", ", RecordTypes)})",
        ControlKind.NoChangeInBlackout => $"{Id} ({Kind}: {string.Join(", ", Blackouts.Select(b => b.Name))})",
        _ => $"{Id} ({Kind})",
    };

    /// <summary>Validates and builds a control; problems are phrased relative to the control (<c>days: …</c>), the JSON reader prefixes its path.</summary>
    internal static ControlDefinition? TryCreate(string? id, string? name, ControlKind kind, int? days, DayCount? dayCount, IReadOnlyList<string>? recordTypes, IReadOnlyList<BlackoutWindow?>? blackouts, List<string> errors)
    {
        int before = errors.Count;
        if (id is null)
        {
            errors.Add("id: is missing.");
        }
        else if (string.IsNullOrWhiteSpace(id) || id.Length > FieldLimits.Id || !IdText.IsValid(id))
        {
            errors.Add($"id: '{IdText.Quote(id)}' is not a valid id (not blank, at most {FieldLimits.Id} characters, no control characters).");
        }

        if (name is not null && (string.IsNullOrWhiteSpace(name) || name.Length > FieldLimits.Title || !IdText.IsValid(name)))
        {
            errors.Add($"name: must not be blank, and at most {FieldLimits.Title} characters without control characters.");
        }

        if (!Enum.IsDefined(kind))
        {
            errors.Add($"kind: {(int)kind} is not a control kind.");
        }

        bool reviews = kind is ControlKind.EmergencyChangeReviewed or ControlKind.MajorIncidentReviewed;
        if (reviews)
        {
            if (days is null)
            {
                errors.Add("days: is missing.");
            }
            else if (days is < 0 or > MaxDays)
            {
                errors.Add($"days: {days} is not 0 to {MaxDays}.");
            }

            if (dayCount is null)
            {
                errors.Add("dayCount: is missing.");
            }
            else if (!Enum.IsDefined(dayCount.Value))
            {
                errors.Add($"dayCount: {(int)dayCount.Value} is not a day count (calendar or business).");
            }
        }
        else
        {
            Refuse(days is not null, "days", kind, errors);
            Refuse(dayCount is not null, "dayCount", kind, errors);
        }

        string[] types = [];
        if (kind == ControlKind.NoSelfApproval)
        {
            types = CheckRecordTypes(recordTypes ?? ApprovalRecordTypes, errors);
        }
        else
        {
            Refuse(recordTypes is not null, "recordTypes", kind, errors);
        }

        BlackoutWindow[] windows = [];
        if (kind == ControlKind.NoChangeInBlackout)
        {
            if (blackouts is null || blackouts.Count == 0)
            {
                errors.Add("blackouts: must list at least one blackout window.");
            }
            else if (blackouts.Any(b => b is null))
            {
                errors.Add("blackouts: a blackout window is null.");
            }
            else
            {
                windows = [.. blackouts!];
            }
        }
        else
        {
            Refuse(blackouts is not null, "blackouts", kind, errors);
        }

        return errors.Count > before
            ? null
            : new ControlDefinition(id!, name ?? id!, kind, reviews ? days : null, reviews ? dayCount : null, Array.AsReadOnly(types), Array.AsReadOnly(windows));
    }

    private static ControlDefinition Create(string id, string? name, ControlKind kind, int? days, DayCount? dayCount, IReadOnlyList<string>? recordTypes, IReadOnlyList<BlackoutWindow?>? blackouts)
    {
        var errors = new List<string>();
        return TryCreate(id, name, kind, days, dayCount, recordTypes, blackouts, errors) ?? throw new ControlDefinitionException(errors);
    }

    private static string[] CheckRecordTypes(IReadOnlyList<string> recordTypes, List<string> errors)
    {
        if (recordTypes.Count == 0)
        {
            errors.Add($"recordTypes: must list at least one of {string.Join(", ", ApprovalRecordTypes)}.");
            return [];
        }

        for (int i = 0; i < recordTypes.Count; i++)
        {
            var type = recordTypes[i];
            if (!ApprovalRecordTypes.Contains(type, StringComparer.Ordinal))
            {
                errors.Add($"recordTypes[{i}]: '{IdText.Quote(type ?? "")}' is not a record type with approvals (expected {string.Join(" or ", ApprovalRecordTypes)}).");
            }
            else if (recordTypes.Take(i).Contains(type, StringComparer.Ordinal))
            {
                errors.Add($"recordTypes[{i}]: '{type}' is listed twice.");
            }
        }

        // A canonical order, so equal controls write equal JSON.
        return ApprovalRecordTypes.Where(t => recordTypes.Contains(t, StringComparer.Ordinal)).ToArray();
    }

    private static void Refuse(bool given, string parameter, ControlKind kind, List<string> errors)
    {
        if (given)
        {
            errors.Add($"{parameter}: is not a parameter of a {ControlDefinitionJson.KindName(kind)} control.");
        }
    }
}

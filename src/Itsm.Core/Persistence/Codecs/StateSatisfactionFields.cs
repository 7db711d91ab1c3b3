using System;
using System.Text.Json;
using Itsm.Common;
using Itsm.Satisfaction;
using NodaTime;

namespace Itsm.Persistence;

/// <summary>
/// How ticket states store their survey result (docs/record-state.md): an object <c>satisfaction</c> with
/// <c>score</c>, <c>comment</c>, <c>respondent</c>, <c>recordedAt</c> and <c>resolution</c> (the resolution it
/// answers for), left out when there is none, so a state saved before the field existed reads unchanged.
/// </summary>
internal static class StateSatisfactionFields
{
    internal static void WriteSatisfaction(this Utf8JsonWriter writer, SatisfactionResponse? response, Instant? resolution)
    {
        if (response is null)
        {
            return;
        }

        writer.WriteStartObject("satisfaction");
        writer.WriteNumber("score", response.Score);
        writer.WriteString("comment", response.Comment);
        writer.WriteString("respondent", response.Respondent);
        writer.WriteInstant("recordedAt", response.RecordedAt);
        writer.WriteInstant("resolution", resolution);
        writer.WriteEndObject();
    }

    /// <summary>The stored result and its resolution; none when the field is missing.</summary>
    /// <exception cref="JsonException">The object is not a valid result.</exception>
    internal static (SatisfactionResponse? Response, Instant? Resolution) Satisfaction(this StateReader reader)
    {
        const string name = "satisfaction";
        if (!reader.Has(name) || reader.NullableObject(name) is not { } r)
        {
            return (null, null);
        }

        var score = r.Int("score");
        var comment = r.NullableString("comment");
        var respondent = r.String("respondent");
        try
        {
            SatisfactionSurvey.Check(score, comment, respondent);
        }
        catch (ArgumentException ex)
        {
            throw reader.Error(name, Itsm.Text.QuotedText.Message(ex.Message));
        }

        return (new SatisfactionResponse(score, comment, respondent, r.Instant("recordedAt")), r.NullableInstant("resolution"));
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using KinerjaBot.Conversation;
using KinerjaBot.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Features.Progress;

/// <summary>
/// The stored state of a chat report waiting for the user's confirmation or choice. <see cref="Value"/> is the
/// number with its separator read as grouping; <see cref="Decimal"/>, while set, the other reading.
/// </summary>
public sealed record ProgressDraft(
    [property: JsonPropertyName("indicatorId")] int? IndicatorId,
    [property: JsonPropertyName("value")] decimal Value,
    [property: JsonPropertyName("outOf")] decimal? OutOf,
    [property: JsonPropertyName("isPercent")] bool IsPercent,
    [property: JsonPropertyName("date")] DateOnly Date,
    [property: JsonPropertyName("note")] string? Note,
    [property: JsonPropertyName("candidates")] List<int> Candidates,
    [property: JsonPropertyName("decimal")] decimal? Decimal = null)
{
    /// <summary>The number could be grouping or a decimal and the chosen indicator's unit allows both: the user is asked.</summary>
    public bool AsksNumber => IndicatorId is not null && Decimal is not null;

    /// <summary>Settles the number once the indicator is known, where its unit can (a count is never 1,2).</summary>
    public ProgressDraft For(IndicatorProgress indicator) =>
        Decimal is not null && !IndicatorUnits.AllowsDecimals(indicator.Unit)
            ? this with { IndicatorId = indicator.IndicatorId, Decimal = null }
            : this with { IndicatorId = indicator.IndicatorId };
}

[JsonSerializable(typeof(ProgressDraft))]
internal sealed partial class ProgressDraftJson : JsonSerializerContext;

/// <summary>
/// Keeps a user's open chat report in the database (not in memory), so it survives a restart and any
/// instance can continue it. One open flow per user; starting a new report replaces the old one.
/// </summary>
public static class ProgressFlow
{
    public const string Kind = "progress";

    /// <summary>Typed answers ("ya", "2") count only this long; the buttons keep working for a day.</summary>
    public static readonly TimeSpan TypedAnswerWindow = TimeSpan.FromHours(2);

    public static readonly TimeSpan ButtonWindow = TimeSpan.FromHours(24);

    public static async Task<(ConversationFlow Row, ProgressDraft Draft)?> LoadAsync(Turn turn, TimeSpan window)
    {
        var row = await FindAsync(turn);
        if (row is null || row.Kind != Kind || row.StartedAt + window < turn.Now)
        {
            return null;
        }

        var draft = JsonSerializer.Deserialize(row.StateJson, ProgressDraftJson.Default.ProgressDraft);
        return draft is null ? null : (row, draft);
    }

    public static async Task SaveAsync(Turn turn, ProgressDraft draft)
    {
        var row = await FindAsync(turn);
        if (row is null)
        {
            row = new ConversationFlow { UserId = turn.User.Reference.UserId, Kind = Kind, StateJson = "" };
            turn.Db.Flows.Add(row);
        }

        row.Kind = Kind;
        row.StateJson = JsonSerializer.Serialize(draft, ProgressDraftJson.Default.ProgressDraft);
        row.StartedAt = turn.Now;
        row.ExpiresAt = turn.Now + ButtonWindow;
    }

    public static async Task<bool> ClearAsync(Turn turn)
    {
        var row = await FindAsync(turn);
        if (row is null)
        {
            return false;
        }

        turn.Db.Flows.Remove(row);
        return true;
    }

    /// <summary>
    /// The user's flow row; a row this turn already loaded is reused (a query would return that same tracked
    /// instance anyway), so answering "ya" reads it once instead of three times.
    /// </summary>
    private static async Task<ConversationFlow?> FindAsync(Turn turn)
    {
        var userId = turn.User.Reference.UserId;
        return turn.Db.Flows.Local.FirstOrDefault(f => f.UserId == userId)
               ?? await turn.Db.Flows.FirstOrDefaultAsync(f => f.UserId == userId, turn.Cancellation);
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using KinerjaBot.Conversation;
using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using KinerjaBot.Delivery;
using KinerjaBot.Infrastructure.Text;
using KinerjaBot.Localization;
using KinerjaBot.Protocol.Activities;
using KinerjaBot.Protocol.Cards;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Features;

/// <summary>Someone the bot may message: their stored conversation (null until they talked to the bot) and their language.</summary>
public sealed record Recipient(int EmployeeId, ConversationRef? Reference, Texts T);

/// <summary>
/// Every copy of a card about one subject ("feedback:12", "appraisal:3:2026-Q3"): sent proactively and
/// recorded, so that when the subject changes each copy is replaced with what its recipient should now see.
/// </summary>
public static class CardCopies
{
    public static async Task<Recipient> RecipientAsync(KinerjaDbContext db, int employeeId, CancellationToken ct)
    {
        var reference = await db.ConversationRefs.FirstOrDefaultAsync(c => c.EmployeeId == employeeId, ct);
        var language = await db.Employees.Where(e => e.Id == employeeId).Select(e => e.Language).FirstOrDefaultAsync(ct);
        return new Recipient(employeeId, reference, Texts.ForPerson(language));
    }

    /// <summary>Teams user ids of the given employees, for <c>refresh.userIds</c>.</summary>
    public static async Task<List<string>> UserIdsAsync(KinerjaDbContext db, IEnumerable<int> employeeIds, CancellationToken ct)
    {
        var ids = employeeIds.Distinct().ToList();
        return await db.ConversationRefs.Where(c => c.EmployeeId != null && ids.Contains(c.EmployeeId.Value)).Select(c => c.UserId).ToListAsync(ct);
    }

    /// <summary>Queues a card to an employee and records it under <paramref name="subject"/>; false when they cannot be reached yet.</summary>
    public static bool Send(Turn turn, Recipient to, AdaptiveCard card, string summary, string purpose, string key, string subject) =>
        Send(turn.Db, turn.Outbox, to, card, summary, purpose, key, subject);

    public static bool Send(KinerjaDbContext db, Outbox outbox, Recipient to, AdaptiveCard card, string summary, string purpose, string key, string subject)
    {
        if (to.Reference is null)
        {
            return false;
        }

        var activity = new Activity { Type = ActivityTypes.Message, Summary = summary, Attachments = [card.ToAttachment()] };
        Track(db, subject, to.EmployeeId, outbox.Send(to.Reference, activity, purpose, key));
        return true;
    }

    /// <summary>Queues a text message to an employee; false when they cannot be reached yet.</summary>
    public static bool Tell(Turn turn, Recipient to, string text, string purpose, string key) => Tell(turn.Outbox, to, text, purpose, key);

    public static bool Tell(Outbox outbox, Recipient to, string text, string purpose, string key)
    {
        if (to.Reference is null)
        {
            return false;
        }

        // Plain: these notices quote what people wrote (a decline reason), which must not render as markdown.
        outbox.Send(to.Reference, new Activity { Type = ActivityTypes.Message, Text = text, TextFormat = TextFormats.Plain }, purpose, key);
        return true;
    }

    /// <summary>Queues a reply card in the current conversation and records it under <paramref name="subject"/>.</summary>
    public static void ReplyTracked(Turn turn, AdaptiveCard card, string summary, string subject) =>
        Track(turn.Db, subject, turn.User.Employee!.Id, turn.ReplyCard(card, summary));

    public static void Track(KinerjaDbContext db, string subject, int recipientEmployeeId, OutboxMessage row) =>
        db.CardMessages.Add(new CardMessage { Subject = subject, RecipientEmployeeId = recipientEmployeeId, CreatedAt = row.CreatedAt, Outbox = row });

    /// <summary>
    /// Queues an update of every recorded copy except the one the acting user clicked (the invoke response
    /// replaces that one), each rendered for its recipient in their language.
    /// </summary>
    public static Task UpdateOthersAsync(Turn turn, string subject, Func<int, Texts, Task<AdaptiveCard>> render, string purpose) =>
        UpdateOthersAsync(turn.Db, turn.Outbox, turn.Activity.ReplyToId, subject, render, purpose, turn.Cancellation);

    /// <summary>As above, outside a turn (<paramref name="clicked"/> null: every copy is updated).</summary>
    public static async Task UpdateOthersAsync(KinerjaDbContext db, Outbox outbox, string? clicked, string subject, Func<int, Texts, Task<AdaptiveCard>> render, string purpose, CancellationToken ct)
    {
        var copies = await db.CardMessages.Where(c => c.Subject == subject)
            .Join(db.Outbox, c => c.OutboxId, o => o.Id, (c, o) => new { c.RecipientEmployeeId, Outbox = o })
            .ToListAsync(ct);
        foreach (var copy in copies)
        {
            if (clicked is not null && copy.Outbox.SentActivityId == clicked)
            {
                continue;
            }

            var recipient = await RecipientAsync(db, copy.RecipientEmployeeId, ct);
            var content = await render(copy.RecipientEmployeeId, recipient.T);
            outbox.Update(copy.Outbox, new Activity { Type = ActivityTypes.Message, Attachments = [content.ToAttachment()] }, purpose);
        }
    }
}

/// <summary>Reading card data and inputs; card data only ever names things, never the actor.</summary>
public static class CardData
{
    public static int? Int(JsonObject? data, string name) =>
        data?[name] is JsonValue v && (v.TryGetValue(out int i) || (v.TryGetValue(out string? s) && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out i))) ? i : null;

    public static string? Str(JsonObject? data, string name) => data?[name] is JsonValue v
        ? v.TryGetValue(out string? s) ? s : v.ToJsonString()
        : null;

    /// <summary>Typed text as stored: see <see cref="StoredText.Fit"/>.</summary>
    public static string? Clean(string? text, int max) => StoredText.Fit(text, max);

    /// <summary>Shortens display text so a card stays small whatever people typed.</summary>
    public static string Cut(string? text, int max) => StoredText.Shorten(text, max);

    public static AdaptiveCard Notice(string text, string? color = null) =>
        new() { Body = { new TextBlock(text) { Color = color } } };

    public static AdaptiveCard WithNotice(AdaptiveCard card, string notice, string color = CardStyles.Warning)
    {
        card.Body.Insert(0, new TextBlock(notice) { Color = color, Weight = CardStyles.Bolder });
        return card;
    }
}

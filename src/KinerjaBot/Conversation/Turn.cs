using KinerjaBot.Data;
using KinerjaBot.Delivery;
using KinerjaBot.Localization;
using KinerjaBot.Protocol.Activities;
using KinerjaBot.Protocol.Cards;
using KinerjaBot.Protocol.Routing;

namespace KinerjaBot.Conversation;

/// <summary>
/// What a feature handler works with: the user, the database and the outbox, for one inbound activity.
/// Replies are queued in the outbox in the same transaction as the state change, so a reply is never
/// lost and never announces a change that did not commit.
/// </summary>
public sealed class Turn(TurnContext context, BotUser user, KinerjaDbContext db, Outbox outbox, TimeProvider time)
{
    private int _replies;

    public TurnContext Context { get; } = context;
    public Activity Activity => Context.Activity;
    public BotUser User { get; } = user;
    public KinerjaDbContext Db { get; } = db;
    public Outbox Outbox { get; } = outbox;
    public TimeProvider Time { get; } = time;
    public Texts T => User.T;
    public CancellationToken Cancellation => Context.Cancellation;

    /// <summary>The message text without mentions or markup.</summary>
    public string Text => MessageText.Normalize(Activity.Text);

    public DateTimeOffset Now => Time.GetUtcNow();

    public DateOnly Today => User.Today(Time);

    /// <summary>Queues a text reply; saved with the next <see cref="SaveAsync"/>.</summary>
    public void Reply(string text) => Enqueue(Activity.CreateReply(text));

    /// <summary>Queues a text reply with buttons for the obvious next messages (each sends its text back when tapped).</summary>
    public void Reply(string text, IEnumerable<string> suggestions) => Reply(text, suggestions.Select(s => (s, s)));

    /// <summary>Queues a text reply with buttons titled one way that send another text (e.g. "Ya, laporkan" sends "lapor …").</summary>
    public void Reply(string text, IEnumerable<(string Title, string Value)> suggestions)
    {
        var reply = Activity.CreateReply(text);
        reply.SuggestedActions = SuggestedActions.Replies(suggestions);
        Enqueue(reply);
    }

    /// <summary>Queues a card reply; returns the outbox row so the card can be tracked and updated later.</summary>
    public Data.Model.OutboxMessage ReplyCard(AdaptiveCard card, string? summary = null)
    {
        var reply = Activity.CreateReply();
        reply.Summary = summary;
        reply.Attachments = [card.ToAttachment()];
        return Enqueue(reply);
    }

    private Data.Model.OutboxMessage Enqueue(Activity reply)
    {
        // Keyed by the inbound activity: if Teams delivers the same activity twice, the second turn's
        // save hits the unique key and nothing of it is applied or sent.
        var key = $"reply:{User.Reference.UserId}:{Activity.Id ?? Guid.NewGuid().ToString("N")}:{_replies++}";
        return Outbox.Send(User.Reference, reply, "reply", key);
    }

    public Task SaveAsync() => Db.SaveChangesAsync(Cancellation);
}

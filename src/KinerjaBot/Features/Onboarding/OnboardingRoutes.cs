using System.Text.RegularExpressions;
using KinerjaBot.Conversation;
using KinerjaBot.Localization;
using KinerjaBot.Protocol.Activities;
using KinerjaBot.Protocol.Routing;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Features.Onboarding;

/// <summary>Install, first contact, help, language switch, and the fallback for text nobody else takes.</summary>
public static partial class OnboardingRoutes
{
    [GeneratedRegex(@"^(bantuan|help|menu|\?|tolong|mulai|start)$", RegexOptions.IgnoreCase)]
    private static partial Regex HelpPattern();

    [GeneratedRegex(@"^(bahasa|language)\s+(inggris|english|en)$", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishPattern();

    [GeneratedRegex(@"^(bahasa|language)\s+(indonesia|indonesian|id)$", RegexOptions.IgnoreCase)]
    private static partial Regex IndonesianPattern();

    public static BotRouter MapOnboarding(this BotRouter router) => router
        .OnInstallationUpdate("onboarding.install", OnInstallationAsync)
        .OnConversationUpdate("onboarding.added", OnConversationUpdateAsync)
        .OnMessage("onboarding.help", HelpPattern(), turn => SendHelpAsync(turn.Kinerja()))
        .OnMessage("onboarding.english", EnglishPattern(), turn => SwitchLanguageAsync(turn.Kinerja(), Texts.English))
        .OnMessage("onboarding.indonesian", IndonesianPattern(), turn => SwitchLanguageAsync(turn.Kinerja(), Texts.Indonesian));

    /// <summary>Registered last: text no other route understood.</summary>
    public static BotRouter MapFallback(this BotRouter router) => router
        .OnMessage("fallback", _ => ValueTask.FromResult(true), async context =>
        {
            var turn = context.Kinerja();
            if (!turn.User.IsRegistered)
            {
                turn.Reply(turn.T.WithContact("Common.NotRegistered"));
                await turn.SaveAsync();
                return;
            }

            var t = turn.T;
            switch (Understanding.Read(turn.Text))
            {
                case (Guess.Greeting or Guess.Capabilities, _):
                    turn.Reply(t.Format("Understanding.Greeting", turn.User.Address));
                    await SendHelpAsync(turn);
                    return;
                case (Guess.Command, { } command):
                    turn.Reply(t.Format("Understanding.DidYouMean", turn.Text, command), [command, t["Understanding.Suggest.Help"]]);
                    break;
                default:
                    turn.Reply(t.Format("Common.NotUnderstood", turn.User.Address),
                        [t["Understanding.Suggest.Help"], t["Understanding.Suggest.Report"], t["Understanding.Suggest.Status"]]);
                    break;
            }

            await turn.SaveAsync();
        });

    private static async Task OnInstallationAsync(TurnContext context)
    {
        var turn = context.Kinerja();
        if (context.Activity.Action == InstallationActions.Remove)
        {
            turn.User.Reference.IsReachable = false;
            turn.User.Reference.UnreachableReason = "uninstalled";
            turn.User.Reference.UnreachableSince ??= turn.Now;
            await turn.SaveAsync();
            return;
        }

        await SendWelcomeAsync(turn);
    }

    private static async Task OnConversationUpdateAsync(TurnContext context)
    {
        // Teams sends both installationUpdate and conversationUpdate on install; welcome once.
        if (context.Activity.BotWasAdded() && context.Activity.Conversation?.ConversationType is null or "personal")
        {
            await SendWelcomeAsync(context.Kinerja());
        }
    }

    internal static async Task SendWelcomeAsync(Turn turn)
    {
        // One welcome per conversation and day, whichever of the two install events comes first.
        var key = $"welcome:{turn.User.Reference.UserId}:{turn.User.Reference.ConversationId}:{turn.Today:yyyyMMdd}";
        if (await turn.Db.Outbox.AnyAsync(o => o.Key == key, turn.Cancellation))
        {
            return;
        }

        var employee = turn.User.Employee;
        var teamSize = employee is null ? 0 : await turn.Db.Employees.CountAsync(e => e.RaterId == employee.Id && e.IsActive, turn.Cancellation);
        var unit = employee is null ? null : await turn.Db.Units.Where(u => u.Id == employee.UnitId).Select(u => u.Name).FirstOrDefaultAsync(turn.Cancellation);
        var card = OnboardingCards.Welcome(turn.T, turn.User.Address, employee?.PositionName, unit, teamSize);
        var reply = turn.Activity.CreateReply();
        reply.Attachments = [card.ToAttachment()];
        reply.ReplyToId = null;
        turn.Outbox.Send(turn.User.Reference, reply, "welcome", key);
        await turn.SaveAsync();
    }

    private static async Task SendHelpAsync(Turn turn)
    {
        var isRater = turn.User.Employee is { } e && await turn.Db.Employees.AnyAsync(x => x.RaterId == e.Id && x.IsActive, turn.Cancellation);
        turn.ReplyCard(OnboardingCards.Help(turn.T, isRater, turn.User.IsRegistered), turn.T["Help.Title"]);
        await turn.SaveAsync();
    }

    private static async Task SwitchLanguageAsync(Turn turn, string language)
    {
        if (turn.User.Employee is { } employee)
        {
            employee.Language = language;
        }
        else
        {
            turn.User.Reference.Locale = language;
        }

        turn.User.T = turn.User.T.In(language);
        turn.Reply(turn.T["Language.Switched"]);
        await turn.SaveAsync();
    }
}

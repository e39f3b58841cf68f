using KinerjaBot.Conversation;
using KinerjaBot.Localization;
using KinerjaBot.Protocol.Cards;

namespace KinerjaBot.Features.Onboarding;

/// <summary>The welcome and help cards.</summary>
public static class OnboardingCards
{
    public static AdaptiveCard Welcome(Texts t, string address, string? position, string? unit, int teamSize)
    {
        var card = new AdaptiveCard
        {
            Body =
            {
                new TextBlock(t.Format("Welcome.Title", address)) { Size = CardStyles.Large, Weight = CardStyles.Bolder },
                new TextBlock(t["Welcome.Intro"]),
            },
        };
        if (position is not null && unit is not null)
        {
            card.Body.Add(new TextBlock(t.Format("Welcome.Role.Employee", position, unit)) { IsSubtle = true });
            if (teamSize > 0)
            {
                card.Body.Add(new TextBlock(t.Format("Welcome.Role.Rater", teamSize)) { IsSubtle = true, Spacing = CardStyles.Small });
            }
        }
        else
        {
            card.Body.Add(new TextBlock(t.WithContact("Welcome.Unregistered")) { Color = CardStyles.Warning });
        }

        card.Body.Add(new TextBlock(t["Welcome.TryHelp"]) { Spacing = CardStyles.Medium });
        card.Actions = QuickActions(t, teamSize > 0, position is not null);
        return card;
    }

    public static AdaptiveCard Help(Texts t, bool isRater, bool isRegistered)
    {
        var card = new AdaptiveCard
        {
            Body =
            {
                new TextBlock(t["Help.Title"]) { Size = CardStyles.Large, Weight = CardStyles.Bolder },
                new TextBlock(t["Help.Intro"]),
                new TextBlock(t["Help.Cmd.Report"]) { Spacing = CardStyles.Small },
                new TextBlock(t["Help.Cmd.Status"]) { Spacing = CardStyles.Small },
                new TextBlock(t["Help.Cmd.Feedback"]) { Spacing = CardStyles.Small },
                new TextBlock(t["Help.Cmd.Appraisal"]) { Spacing = CardStyles.Small },
            },
        };
        if (isRater)
        {
            card.Body.Add(new TextBlock(t["Help.Cmd.Review"]) { Spacing = CardStyles.Small });
            card.Body.Add(new TextBlock(t["Reports.Help.Team"]) { Spacing = CardStyles.Small });
            card.Body.Add(new TextBlock(t["Help.Cmd.OrgResult"]) { Spacing = CardStyles.Small });
        }

        card.Body.Add(new TextBlock(t["Help.Cmd.Reminders"]) { Spacing = CardStyles.Small });
        card.Body.Add(new TextBlock(t["Help.Cmd.Cancel"]) { Spacing = CardStyles.Small });
        card.Body.Add(new TextBlock(t["Help.Cmd.Language"]) { Spacing = CardStyles.Small });
        card.Actions = QuickActions(t, isRater, isRegistered);
        return card;
    }

    private static List<CardAction>? QuickActions(Texts t, bool isRater, bool isRegistered)
    {
        if (!isRegistered)
        {
            return null;
        }

        var actions = new List<CardAction>
        {
            new ExecuteAction { Verb = Verbs.ProgressForm, Title = t["Help.Button.Report"], Style = CardStyles.Positive },
            new ExecuteAction { Verb = Verbs.Status, Title = t["Help.Button.Status"] },
        };
        if (isRater)
        {
            actions.Add(new ExecuteAction { Verb = Verbs.ReviewList, Title = t["Help.Button.Review"] });
        }

        return actions;
    }
}

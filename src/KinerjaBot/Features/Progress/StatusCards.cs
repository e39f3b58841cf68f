using KinerjaBot.Localization;
using KinerjaBot.Protocol.Cards;

namespace KinerjaBot.Features.Progress;

/// <summary>A team member's line on the supervisor's status card.</summary>
public sealed record TeamMemberStatus(string Name, int EntriesThisMonth, int Pending, DateOnly? LastReport, int EmployeeId = 0);

/// <summary>The "status" card: one's own SKP progress and, for a rater, the team.</summary>
public static class StatusCards
{
    public static AdaptiveCard Status(Texts t, string address, int year, DateOnly today, IReadOnlyList<IndicatorProgress> indicators, IReadOnlyList<TeamMemberStatus>? team, int pendingReviews)
    {
        var card = new AdaptiveCard
        {
            Body =
            {
                new TextBlock(t.Format("Status.Title", address, year)) { Size = CardStyles.Large, Weight = CardStyles.Bolder },
                new TextBlock(t.Format("Status.AsOf", t.Date(today))) { IsSubtle = true, Spacing = CardStyles.None },
            },
        };
        if (indicators.Count == 0)
        {
            card.Body.Add(new TextBlock(t.WithContact("Progress.NoSkp")));
        }

        foreach (var rhk in indicators.GroupBy(i => (i.RhkText, i.RhkKind)))
        {
            card.Body.Add(new TextBlock(t.Format("Status.Rhk", t["Status.RhkKind." + rhk.Key.RhkKind], rhk.Key.RhkText)) { Weight = CardStyles.Bolder, Spacing = CardStyles.Medium });
            card.Body.Add(new FactSet
            {
                Facts = rhk.Select(i => new Fact(i.IndicatorText, t.Format("Status.Indicator",
                    FiguresText.Of(t, i.Figures, i.Measure, i.Target, i.Unit), t.Number(i.ThisMonth)))).ToList(),
            });
        }

        if (team is { Count: > 0 })
        {
            card.Body.Add(new TextBlock(t.Format("Status.Team", team.Count, pendingReviews)) { Weight = CardStyles.Bolder, Spacing = CardStyles.Large, Separator = true });
            card.Body.Add(new FactSet
            {
                Facts = team.Select(m => new Fact(m.Name, t.Format("Status.Member", m.EntriesThisMonth, m.Pending,
                    m.LastReport is { } d ? t.Date(d) : t["Status.Never"]))).ToList(),
            });
        }

        card.Actions =
        [
            new ExecuteAction { Verb = Features.Verbs.ProgressForm, Title = t["Help.Button.Report"], Style = CardStyles.Positive },
        ];
        if (pendingReviews > 0)
        {
            card.Actions.Add(new ExecuteAction { Verb = Features.Verbs.ReviewList, Title = t.Format("Status.ReviewButton", pendingReviews) });
        }

        if (team is { Count: > 0 })
        {
            card.Actions.Add(new ExecuteAction { Verb = Features.Verbs.ReportTeam, Title = t["Reports.Team.Summary.Short"] });
        }

        if (team is { Count: > 0 } && team.Any(m => m.EmployeeId != 0))
        {
            card.Actions.Add(Feedback.FeedbackCards.GiveAction(t, team.Where(m => m.EmployeeId != 0).Select(m => (m.EmployeeId, m.Name)).ToList()));
        }

        return card;
    }
}

using KinerjaBot.Domain;
using KinerjaBot.Features.Appraisal;
using KinerjaBot.Features.Feedback;
using KinerjaBot.Localization;
using KinerjaBot.Protocol.Cards;

namespace KinerjaBot.Features.Reports;

/// <summary>The supervisor's team card ("tim") and the head of unit's overview ("ringkasan unit").</summary>
public static class ReportCards
{
    /// <summary>Indicator names listed per member before "…".</summary>
    private const int IndicatorsListed = 3;

    public static AdaptiveCard Team(Texts t, TeamReport report)
    {
        var card = new AdaptiveCard
        {
            Body =
            {
                new TextBlock(t.Format("Reports.Team.Title", report.Address, Month(t, report.Today))) { Size = CardStyles.Large, Weight = CardStyles.Bolder },
                new TextBlock(t.Format("Reports.Team.Summary", report.Members.Count, report.Pending, report.Members.Count(m => m.Overdue.Count > 0)))
                    { IsSubtle = true, Spacing = CardStyles.None },
            },
        };
        if (report.Members.Count == 0)
        {
            card.Body.Add(new TextBlock(t["Reports.Team.Empty"]));
            return card;
        }

        foreach (var m in report.Members)
        {
            var member = new Container { Separator = true, Spacing = CardStyles.Medium };
            member.Items.Add(new TextBlock(m.Name) { Weight = CardStyles.Bolder });
            member.Items.Add(new TextBlock(t.Format("Reports.Team.Completion", Percent(t, m.CompletionPercent))) { Spacing = CardStyles.None });
            member.Items.Add(m.EntriesThisMonth > 0
                ? new TextBlock(t.Format("Reports.Team.Logged", m.EntriesThisMonth, Indicators(m.IndicatorsThisMonth))) { Spacing = CardStyles.None }
                : new TextBlock(t.Format("Reports.Team.NothingLogged", m.LastReport is { } d ? t.Date(d) : t["Reports.Team.Never"])) { Spacing = CardStyles.None, IsSubtle = true });
            if (m.Pending > 0)
            {
                member.Items.Add(new TextBlock(t.Format("Reports.Team.Pending", m.Pending)) { Spacing = CardStyles.None, Color = CardStyles.Accent });
            }

            foreach (var line in m.Overdue)
            {
                member.Items.Add(new TextBlock(Overdue(t, line)) { Spacing = CardStyles.None, Color = CardStyles.Attention });
            }

            card.Body.Add(member);
        }

        card.Actions = [new ExecuteAction { Verb = Verbs.ReportTeam, Title = t["Reports.Refresh"] }];
        if (report.Pending > 0)
        {
            card.Actions.Add(new ExecuteAction { Verb = Verbs.ReviewList, Title = t.Format("Status.ReviewButton", report.Pending), Style = CardStyles.Positive });
        }

        card.Actions.Add(FeedbackCards.GiveAction(t, report.Members.Select(m => (m.EmployeeId, m.Name)).ToList()));
        return card;
    }

    public static AdaptiveCard Unit(Texts t, UnitOverview overview)
    {
        var card = new AdaptiveCard
        {
            Body =
            {
                new TextBlock(t.Format("Reports.Unit.Title", overview.UnitName)) { Size = CardStyles.Large, Weight = CardStyles.Bolder },
                new TextBlock(t.Format("Status.AsOf", t.Date(overview.Today))) { IsSubtle = true, Spacing = CardStyles.None },
                new TextBlock(t["Reports.Unit.SubUnits"]) { Weight = CardStyles.Bolder, Spacing = CardStyles.Medium },
                new FactSet
                {
                    Facts = overview.Units.Select(u => new Fact(u.Name, t.Format("Reports.Unit.SubUnitLine",
                        u.Employees, u.ReportedThisMonth, u.WithSkp, Percent(t, u.CompletionPercent)))).ToList(),
                },
                new TextBlock(t["Reports.Unit.People"]) { Weight = CardStyles.Bolder, Spacing = CardStyles.Medium, Separator = true },
                new FactSet
                {
                    Facts = overview.People.Select(p => new Fact(p.Name, t.Format("Reports.Unit.PersonLine", Percent(t, p.CompletionPercent), p.EntriesThisMonth))).ToList(),
                },
            },
        };
        if (overview.PeopleTotal > overview.People.Count)
        {
            card.Body.Add(new TextBlock(t.Format("Reports.Unit.More", overview.PeopleTotal - overview.People.Count)) { IsSubtle = true });
        }

        card.Body.Add(new TextBlock(t.Format("Reports.Unit.Distribution", t.Period(overview.Period))) { Weight = CardStyles.Bolder, Spacing = CardStyles.Medium, Separator = true });
        var facts = overview.Distribution.Select(d => new Fact(t["Appraisal.Predikat." + d.Key], d.Value.ToString(t.Culture))).ToList();
        facts.Add(new Fact(t["Reports.Unit.NotRated"], overview.NotRated.ToString(t.Culture)));
        card.Body.Add(new FactSet { Facts = facts });

        card.Actions =
        [
            new ExecuteAction { Verb = Verbs.ReportUnit, Title = t["Reports.Refresh"] },
            AppraisalCards.DistributionAction(t, overview.Period),
        ];
        return card;
    }

    private static string Indicators(IReadOnlyList<string> names) =>
        string.Join("; ", names.Take(IndicatorsListed)) + (names.Count > IndicatorsListed ? "; …" : "");

    private static string Overdue(Texts t, OverdueLine line) => line.Kind switch
    {
        OverdueKind.MonthlyRealisation => t.Format("Reports.Team.Overdue.MonthlyRealisation", line.Period is { } p ? Month(t, p.Start) : "", t.Date(line.Due)),
        OverdueKind.FeedbackAnswer => t.Format("Reports.Team.Overdue.FeedbackAnswer", line.Counterpart, t.Date(line.Due)),
        _ => t.Format("Reports.Team.Overdue.Appraisal", line.Period is { } q ? t.Period(q) : "", t.Date(line.Due)),
    };

    private static string Month(Texts t, DateOnly date) => date.ToString("MMMM yyyy", t.Culture);

    private static string Percent(Texts t, decimal? value) =>
        value is { } v ? v.ToString("0", t.Culture) + " %" : t["Reports.Unit.NoSkp"];
}

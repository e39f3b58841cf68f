using System.Text.Json.Nodes;
using KinerjaBot.Domain;
using KinerjaBot.Features.Onboarding;
using KinerjaBot.Features.Progress;
using KinerjaBot.Features.Reminders;
using KinerjaBot.Localization;
using KinerjaBot.Tests.Support;

namespace KinerjaBot.Tests.Cards;

/// <summary>Every card the bot can send, in both languages and every state, checked by the official Adaptive Cards library.</summary>
public sealed class CardGalleryTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    internal static Dictionary<string, JsonNode> Gallery()
    {
        var cards = new Dictionary<string, JsonNode>();
        var indicators = new List<IndicatorProgress>
        {
            new(1, "Jumlah KTP-el yang diterbitkan", "dokumen", 2400, "Terlayaninya penerbitan dokumen kependudukan", Data.Model.RhkKind.Utama, 1800, 30, 120),
            new(2, "Persentase dokumen terbit tepat waktu", "%", 95, "Pelayanan tepat waktu <b>&</b> \"cepat\"", Data.Model.RhkKind.Tambahan, 0, 0, 0),
        };
        foreach (var language in new[] { Texts.Indonesian, Texts.English })
        {
            var t = Texts.For(language);
            cards[$"{language}-welcome-rater"] = OnboardingCards.Welcome(t, "Ibu Rina", "Kepala Bidang", "Disdukcapil", 3).ToJson();
            cards[$"{language}-welcome-unregistered"] = OnboardingCards.Welcome(t, "Tamu", null, null, 0).ToJson();
            cards[$"{language}-help"] = OnboardingCards.Help(t, isRater: true, isRegistered: true).ToJson();
            cards[$"{language}-form"] = ProgressCards.Form(t, indicators, Today).ToJson();
            cards[$"{language}-form-error"] = ProgressCards.Form(t, indicators, Today, new ProgressFormInput("1", "abc", "2026-11-20", "catatan", "https://x.example"), "error").ToJson();
            cards[$"{language}-confirm"] = ProgressCards.Confirm(t, indicators[0], 3, Today, "selesai 3").ToJson();
            cards[$"{language}-choose"] = ProgressCards.Choose(t, indicators, 3).ToJson();
            foreach (var status in Enum.GetValues<ProgressStatus>())
            {
                var entry = new EntryView(7, 2, status, Today, 3, "catatan <script>alert(1)</script>", "https://drive.example.go.id/a\nhttps://drive.example.go.id/b", status == ProgressStatus.Returned ? "perbaiki" : null,
                    3, "Siti Nurhaliza", "199205122019032002", 1, "Jumlah KTP-el yang diterbitkan", "dokumen", 2400, 1830, "Rina Marlina");
                cards[$"{language}-employee-{status}"] = ProgressCards.ForEmployee(t, entry, ["29:a", "29:b"]).ToJson();
                cards[$"{language}-reviewer-{status}"] = ProgressCards.ForReviewer(t, entry, ["29:a", "29:b"]).ToJson();
                cards[$"{language}-readonly-{status}"] = ProgressCards.ReadOnly(t, entry, "notice").ToJson();
            }

            cards[$"{language}-status"] = StatusCards.Status(t, "Ibu Rina", 2026, Today, indicators,
                [new TeamMemberStatus("Siti", 4, 1, Today), new TeamMemberStatus("Budi", 0, 0, null)], 1).ToJson();
            foreach (var rule in Enum.GetValues<ReminderRuleKind>())
            {
                var period = rule switch
                {
                    ReminderRuleKind.DailyProgress or ReminderRuleKind.MonthlyRealisation => PerformancePeriod.Month(2026, 11),
                    ReminderRuleKind.QuarterlyEvaluation => PerformancePeriod.Quarter(2026, 3),
                    ReminderRuleKind.FeedbackDue => (PerformancePeriod?)null,
                    _ => PerformancePeriod.ForYear(2026),
                };
                var mandatory = rule is not (ReminderRuleKind.DailyProgress or ReminderRuleKind.FeedbackDue);
                cards[$"{language}-reminder-{rule}"] = ReminderCards.Reminder(t, new ReminderView(rule, "2026-11", Today, 1, "Ibu Rina", period, "Budi Santoso", 2, mandatory, false)).ToJson();
                cards[$"{language}-reminder-{rule}-repeat-overdue"] = ReminderCards.Reminder(t, new ReminderView(rule, "2026-11", Today, -1, "Ibu Rina", period, "Budi <b>&</b>", 1, mandatory, true)).ToJson();
            }

            cards[$"{language}-reminder-approvals-digest"] = ReminderCards.Approvals(t, new ApprovalsView("Ibu Rina", 14,
                Enumerable.Range(1, 10).Select(i => new PendingItem("Siti Nurhaliza", $"Jumlah KTP-el: {i} dokumen", Today)).ToList(), IsDigest: true)).ToJson();
            cards[$"{language}-reminder-approvals-nudge"] = ReminderCards.Approvals(t, new ApprovalsView("Ibu Rina", 1, [new PendingItem("Budi", "SKP 2026", Today)], IsDigest: false)).ToJson();
            cards[$"{language}-reminder-team"] = ReminderCards.TeamDigest(t, "Bapak Hendra",
            [
                new TeamMemberAlert("Rina Marlina", [new OverdueItem(ReminderRuleKind.MonthlyRealisation, PerformancePeriod.Month(2026, 10), null, 1, Today),
                    new OverdueItem(ReminderRuleKind.QuarterlyEvaluation, PerformancePeriod.Quarter(2026, 3), null, 3, Today),
                    new OverdueItem(ReminderRuleKind.FeedbackDue, null, "Budi", 1, Today)], null),
                new TeamMemberAlert("Budi Santoso", [], UnreachableReason.Blocked),
                new TeamMemberAlert("Maria Kogoya", [new OverdueItem(ReminderRuleKind.SkpPlanning, PerformancePeriod.ForYear(2027), null, 1, Today)], UnreachableReason.NotInstalled),
            ]).ToJson();
            foreach (var (off, rater, digest) in new[] { (false, true, false), (true, true, true), (false, false, false) })
            {
                cards[$"{language}-reminder-settings-{off}-{rater}-{digest}"] = ReminderCards.Settings(t, new ReminderSettingsView(off, rater, digest, "09.00 WIB"), digest ? "notice" : null).ToJson();
            }

            cards[$"{language}-reminder-snoozed"] = ReminderCards.Snoozed(t, Today, "09.00 WIB").ToJson();
            cards[$"{language}-status-empty"] = StatusCards.Status(t, "Bapak Budi", 2026, Today, [], null, 0).ToJson();
        }

        return cards;
    }

    [Fact]
    public void EveryCard_BothLanguages_PassesTheOfficialAdaptiveCardsCheckAt15()
    {
        var result = CardValidator.ValidateAll(Gallery());

        Assert.True(result.Cards.Count >= 30, $"only {result.Cards.Count} cards checked");
        Assert.All(result.Cards.Values, c => Assert.True(c.Errors.Count == 0, $"{c.Name}: {string.Join("; ", c.Errors)}"));
    }

    [Fact]
    public void Cards_NoLongerApplicableActions_AreNotOffered()
    {
        var cards = Gallery();

        Assert.False(CardActions.Has(cards["id-reviewer-Approved"], Features.Verbs.ProgressApprove));
        Assert.False(CardActions.Has(cards["id-employee-Approved"], Features.Verbs.ProgressEdit));
        Assert.False(CardActions.Has(cards["id-reviewer-Withdrawn"], Features.Verbs.ProgressApprove));
        Assert.True(CardActions.Has(cards["id-reviewer-Submitted"], Features.Verbs.ProgressApprove));
        Assert.True(CardActions.Has(cards["id-employee-Returned"], Features.Verbs.ProgressEdit));
    }
}

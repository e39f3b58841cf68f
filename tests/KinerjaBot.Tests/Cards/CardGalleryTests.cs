using System.Text.Json.Nodes;
using KinerjaBot.Domain;
using KinerjaBot.Features.Appraisal;
using KinerjaBot.Features.Feedback;
using KinerjaBot.Features.Onboarding;
using KinerjaBot.Features.Progress;
using KinerjaBot.Features.Reminders;
using KinerjaBot.Localization;
using KinerjaBot.Tests.Support;
using AdaptiveCardModel = KinerjaBot.Protocol.Cards.AdaptiveCard;

namespace KinerjaBot.Tests.Cards;

/// <summary>Every card the bot can send, in both languages and every state, checked by the official Adaptive Cards library.</summary>
public sealed partial class CardGalleryTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    internal static Dictionary<string, JsonNode> Gallery()
    {
        var cards = new Dictionary<string, JsonNode>();
        var indicators = new List<IndicatorProgress>
        {
            new(1, "Jumlah KTP-el yang diterbitkan", "dokumen", 2400, "Terlayaninya penerbitan dokumen kependudukan", Data.Model.RhkKind.Utama, ScreenshotCards.Count, ScreenshotCards.Counted(1800, 30, 2400), 120),
            new(2, "Persentase dokumen terbit tepat waktu", "%", 95, "Pelayanan tepat waktu <b>&</b> \"cepat\"", Data.Model.RhkKind.Tambahan, new IndicatorMeasure(ReportCombination.Latest, IndicatorDirection.HigherIsBetter), Realisation.Figures(new IndicatorMeasure(ReportCombination.Latest, IndicatorDirection.HigherIsBetter), 95, []), 0),
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
            cards[$"{language}-ask-number"] = ProgressCards.AskNumber(t, indicators[0], 1200, 1.2m).ToJson();
            cards[$"{language}-calendar-uncovered"] = ReminderCards.CalendarUncovered(t, "Bapak Hendra", "2027", 60).ToJson();
            var units = new List<Data.Model.OrgUnit> { new() { Id = 1, Code = "DINAS", Name = "Dinas <b>&</b> Kependudukan" }, new() { Id = 2, Code = "BIDANG", Name = "Bidang Pelayanan" } };
            var stored = new Dictionary<int, Data.Model.OrganisationResultRow>
            {
                [1] = new() { UnitId = 1, PeriodCode = "2026-Q3", Result = OrganisationResult.Baik, SetBy = "Drs. Hendra Gunawan, M.Si.", SetAt = DateTimeOffset.UnixEpoch },
            };
            cards[$"{language}-organisation-result-form"] = OrganisationResultCards.Form(t, PerformancePeriod.Quarter(2026, 3), units, stored).ToJson();
            foreach (var status in Enum.GetValues<ProgressStatus>())
            {
                var entry = new EntryView(7, 2, status, Today, 3, "catatan <script>alert(1)</script>", "https://drive.example.go.id/a\nhttps://drive.example.go.id/b", status == ProgressStatus.Returned ? "perbaiki" : null,
                    3, "Siti Nurhaliza", "199205122019032002", 1, "Jumlah KTP-el yang diterbitkan", "dokumen", 2400, ScreenshotCards.Count, ScreenshotCards.Counted(1830, 3, 2400), "Rina Marlina");
                cards[$"{language}-employee-{status}"] = ProgressCards.ForEmployee(t, entry, ["29:a", "29:b"]).ToJson();
                cards[$"{language}-employee-{status}-typed"] = ProgressCards.ForEmployee(t, entry, ["29:a", "29:b"], new ProgressFormInput(null, "abc", null, "catatan <b>", "drive.example")).ToJson();
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
                Enumerable.Range(1, 10).Select(i => new PendingItem("Siti Nurhaliza", $"Jumlah KTP-el: {i} dokumen", Today)).ToList(), IsDigest: true, NudgeAfterWorkingDays: 2)).ToJson();
            cards[$"{language}-reminder-approvals-nudge"] = ReminderCards.Approvals(t, new ApprovalsView("Ibu Rina", 1, [new PendingItem("Budi", "SKP 2026", Today)], IsDigest: false, NudgeAfterWorkingDays: 2)).ToJson();
            cards[$"{language}-reminder-team"] = ReminderCards.TeamDigest(t, "Bapak Hendra",
            [
                new TeamMemberAlert("Rina Marlina", [new OverdueItem(ReminderRuleKind.MonthlyRealisation, PerformancePeriod.Month(2026, 10), null, 1, Today),
                    new OverdueItem(ReminderRuleKind.QuarterlyEvaluation, PerformancePeriod.Quarter(2026, 3), null, 3, Today),
                    new OverdueItem(ReminderRuleKind.FeedbackDue, null, "Budi", 1, Today)], null),
                new TeamMemberAlert("Budi Santoso", [], UnreachableReason.Blocked),
                new TeamMemberAlert("Siti Nurhaliza", [], UnreachableReason.Blocked, Today),
                new TeamMemberAlert("Maria Kogoya", [new OverdueItem(ReminderRuleKind.SkpPlanning, PerformancePeriod.ForYear(2027), null, 1, Today)], UnreachableReason.NotInstalled),
            ]).ToJson();
            foreach (var (off, rater, digest) in new[] { (false, true, false), (true, true, true), (false, false, false) })
            {
                cards[$"{language}-reminder-settings-{off}-{rater}-{digest}"] = ReminderCards.Settings(t, new ReminderSettingsView(off, rater, digest, "09.00 WIB"), digest ? "notice" : null).ToJson();
            }

            cards[$"{language}-reminder-snoozed"] = ReminderCards.Snoozed(t, Today, "09.00 WIB").ToJson();
            cards[$"{language}-status-empty"] = StatusCards.Status(t, "Bapak Budi", 2026, Today, [], null, 0).ToJson();
            cards[$"{language}-status-team-feedback"] = StatusCards.Status(t, "Ibu Rina", 2026, Today, indicators,
                [new TeamMemberStatus("Siti", 4, 1, Today, 3), new TeamMemberStatus("Budi", 0, 0, null, 4)], 1).ToJson();
            AddFeedbackCards(cards, language, t);
            AddAppraisalCards(cards, language, t);
            AddReportCards(cards, language, t);
        }

        return cards;
    }

    internal static readonly FeedbackSubject[] Subjects =
    [
        new("rhk:1", 1, null, null, "Terlayaninya penerbitan dokumen kependudukan", null, null, null, null),
        new("entry:7", null, 7, null, null, "Jumlah KTP-el yang diterbitkan", 3, "dokumen", Today),
        new("value:akuntabel", null, null, BerAkhlakValue.Akuntabel, null, null, null, null, null),
    ];

    private static void AddFeedbackCards(Dictionary<string, JsonNode> cards, string language, Texts t)
    {
        var recipients = new List<FeedbackRecipientChoice> { new(2, "Rina Marlina", true), new(4, "Agus Prasetyo", false) };
        cards[$"{language}-feedback-form"] = FeedbackCards.RequestForm(t, recipients, Subjects, Today).ToJson();
        cards[$"{language}-feedback-form-error"] = FeedbackCards.RequestForm(t, recipients, Subjects, Today, new FeedbackFormInput("2", "value:akuntabel", "pertanyaan <b>", "2026-11-30"), "error").ToJson();
        cards[$"{language}-feedback-give"] = FeedbackCards.GiveForm(t, 3, "Siti", Subjects, "rhk:1", "teks", "error").ToJson();
        cards[$"{language}-feedback-delivered"] = FeedbackCards.Delivered(t, "Rina", Subjects[1], "Bagus sekali", "apakah cukup?").ToJson();
        foreach (var status in Enum.GetValues<FeedbackRequestStatus>())
        {
            var view = new FeedbackView(5, 1, status, 3, "Siti Nurhaliza", 2, "Rina Marlina", Subjects[2], "Apakah saya cukup disiplin?", Today.AddDays(7), DateTimeOffset.UnixEpoch,
                status == FeedbackRequestStatus.Declined ? "sedang cuti" : null, status == FeedbackRequestStatus.Answered ? "Ya, sangat disiplin" : null);
            cards[$"{language}-feedback-recipient-{status}"] = FeedbackCards.ForRecipient(t, view, ["29:a"]).ToJson();
            cards[$"{language}-feedback-requester-{status}"] = FeedbackCards.ForRequester(t, view, ["29:a"]).ToJson();
            cards[$"{language}-feedback-readonly-{status}"] = FeedbackCards.ReadOnly(t, view, [], "notice").ToJson();
        }
    }

    /// <summary>An appraisal as large as people can make it: long SKP, every note at its limit, much feedback.</summary>
    internal static AppraisalView LargeAppraisal(AppraisalStatus status, int rhkCount = 30)
    {
        var text = new string('x', 5000);
        var rhks = Enumerable.Range(1, rhkCount).Select(i => new AppraisalRhk(i, $"RHK {i} " + text,
            Enumerable.Range(1, 10).Select(j => new AppraisalIndicator($"Indikator {j} " + text, "dokumen " + text, 2400, 600, 1800)).ToList(),
            text, Enumerable.Range(1, 20).Select(f => "Rina: " + text).ToList())).ToList();
        var values = BerAkhlak.All.Select(v => new AppraisalValue(v, text, text, Enumerable.Range(1, 20).Select(f => "Rina: " + text).ToList())).ToList();
        var feedback = Enumerable.Range(1, 100).Select(i => new AppraisalFeedback("Rina Marlina " + text, text, Today)).ToList();
        return Appraisal(status, rhks, values, feedback, text);
    }

    internal static AppraisalView Appraisal(AppraisalStatus status, List<AppraisalRhk>? rhks = null, List<AppraisalValue>? values = null, List<AppraisalFeedback>? feedback = null, string? note = "catatan")
    {
        var rated = status is not (AppraisalStatus.Draft or AppraisalStatus.SelfAssessed);
        rhks ??= [new AppraisalRhk(1, "Terlayaninya penerbitan dokumen kependudukan", [new AppraisalIndicator("Jumlah KTP-el yang diterbitkan", "dokumen", 2400, 600, 1800)], "Semua dilayani", ["Rina: bagus"])];
        values ??= BerAkhlak.All.Select(v => new AppraisalValue(v, v == BerAkhlakValue.Akuntabel ? "disiplin" : null, rated ? "baik" : null, [])).ToList();
        return new AppraisalView(status == AppraisalStatus.Draft ? 0 : 9, 3, status == AppraisalStatus.Objected ? 2 : 1, status, PerformancePeriod.Quarter(2026, 3),
            3, "Budi Santoso", "199001012015031001", "Pranata Komputer Ahli Pertama", PositionType.Fungsional, 12.5m, 2, "Rina Marlina",
            rated ? Rating.AboveExpectation : null, rated ? Rating.MeetsExpectation : null, rated ? Predikat.Baik : null,
            note, rated ? note : null, status == AppraisalStatus.Objected ? note : null, null, null, rhks, values, feedback ?? [new AppraisalFeedback("Rina", "bagus", Today)]);
    }

    private static void AddAppraisalCards(Dictionary<string, JsonNode> cards, string language, Texts t)
    {
        var team = new List<AppraisalTeamRow> { new(3, "Siti", AppraisalStatus.Finalized, Predikat.Baik), new(4, "Budi", null, null), new(5, "Agus", AppraisalStatus.Rated, Predikat.SangatBaik) };
        cards[$"{language}-appraisal-overview"] = AppraisalCards.Overview(t, PerformancePeriod.Quarter(2026, 3), Appraisal(AppraisalStatus.Acknowledged), team, isHead: true).ToJson();
        cards[$"{language}-appraisal-overview-staff"] = AppraisalCards.Overview(t, PerformancePeriod.ForYear(2026), Appraisal(AppraisalStatus.Draft), [], isHead: false).ToJson();
        foreach (var status in Enum.GetValues<AppraisalStatus>())
        {
            var view = Appraisal(status);
            cards[$"{language}-appraisal-self-{status}"] = AppraisalCards.SelfForm(t, view, 1).ToJson();
            cards[$"{language}-appraisal-rater-{status}"] = AppraisalCards.ForRater(t, view, ["29:a"]).ToJson();
            cards[$"{language}-appraisal-employee-{status}"] = AppraisalCards.ForEmployee(t, view, ["29:a"]).ToJson();
            cards[$"{language}-appraisal-supervisor-{status}"] = AppraisalCards.ForRaterSupervisor(t, view, ["29:a"]).ToJson();
            cards[$"{language}-appraisal-readonly-{status}"] = AppraisalCards.ReadOnly(t, view, [], "notice").ToJson();
        }

        var small = Appraisal(AppraisalStatus.Rated);
        for (var part = 1; part <= AppraisalCards.DetailParts(small); part++)
        {
            cards[$"{language}-appraisal-details-{part}"] = AppraisalCards.Details(t, small, part).ToJson();
        }

        var large = LargeAppraisal(AppraisalStatus.Objected);
        cards[$"{language}-appraisal-large-rater"] = AppraisalCards.ForRater(t, large with { Status = AppraisalStatus.Rated }, ["29:a"]).ToJson();
        cards[$"{language}-appraisal-large-self-2"] = AppraisalCards.SelfForm(t, large with { Status = AppraisalStatus.SelfAssessed }, 2, "error").ToJson();
        cards[$"{language}-appraisal-large-details-last"] = AppraisalCards.Details(t, large, AppraisalCards.DetailParts(large)).ToJson();
        foreach (var result in Enum.GetValues<OrganisationResult>())
        {
            var report = DistributionCheck.Check(result, [Predikat.SangatBaik, Predikat.SangatBaik, Predikat.Baik]);
            var applied = new AppliedOrganisationResult(result, 1, "Dinas Kependudukan dan Pencatatan Sipil", "Hendra Gunawan", DateTimeOffset.UnixEpoch);
            cards[$"{language}-appraisal-distribution-{result}"] = AppraisalCards.Distribution(t, PerformancePeriod.Quarter(2026, 3), new UnitDistribution("Bidang Pelayanan", applied, null, report, team)).ToJson();
        }

        cards[$"{language}-appraisal-distribution-not-set"] = AppraisalCards.Distribution(t, PerformancePeriod.Quarter(2026, 3), new UnitDistribution("Bidang Pelayanan", null, "Hendra Gunawan", null, team)).ToJson();
        var rater = Appraisal(AppraisalStatus.SelfAssessed) with { UnitResult = new AppliedOrganisationResult(OrganisationResult.Istimewa, 1, "Bidang Pelayanan", "Hendra Gunawan", DateTimeOffset.UnixEpoch) };
        cards[$"{language}-appraisal-rater-head-proposal"] = AppraisalCards.ForRater(t, rater, ["29:a"]).ToJson();
    }

    /// <summary>Every card a huge appraisal produces, in both languages, stays far below Teams' ~100 KB message limit.</summary>
    [Fact]
    public void AppraisalCards_LargestPossibleAppraisal_StayWellUnderTheMessageSizeLimit()
    {
        const int limitBytes = 40 * 1024;
        var sizes = new Dictionary<string, int>();
        foreach (var language in new[] { Texts.Indonesian, Texts.English })
        {
            var t = Texts.For(language);

            // An appraisal card refreshes for at most four people: employee, current and recorded rater, rater's supervisor.
            var refresh = Enumerable.Range(0, 4).Select(i => $"29:{i}{new string('u', 90)}").ToList();
            foreach (var status in Enum.GetValues<AppraisalStatus>())
            {
                var view = LargeAppraisal(status);
                for (var part = 1; part <= AppraisalCards.SelfParts(view); part++)
                {
                    sizes[$"{language}-{status}-self-{part}"] = Utf16Bytes(AppraisalCards.SelfForm(t, view, part, "error"));
                }

                for (var part = 1; part <= AppraisalCards.DetailParts(view); part++)
                {
                    sizes[$"{language}-{status}-details-{part}"] = Utf16Bytes(AppraisalCards.Details(t, view, part));
                }

                sizes[$"{language}-{status}-rater"] = Utf16Bytes(AppraisalCards.ForRater(t, view, refresh));
                sizes[$"{language}-{status}-employee"] = Utf16Bytes(AppraisalCards.ForEmployee(t, view, refresh));
                sizes[$"{language}-{status}-supervisor"] = Utf16Bytes(AppraisalCards.ForRaterSupervisor(t, view, refresh));
            }
        }

        Assert.Equal(30, LargeAppraisal(AppraisalStatus.Draft).Rhks.Count);
        Assert.True(sizes.Count > 60);
        Assert.All(sizes, s => Assert.True(s.Value < limitBytes, $"{s.Key}: {s.Value} bytes"));
    }

    /// <summary>Teams counts the message size in UTF-16.</summary>
    private static int Utf16Bytes(AdaptiveCardModel card) => System.Text.Encoding.Unicode.GetByteCount(card.ToJson().ToJsonString());

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

    [Fact]
    public void PredikatLine_EveryAppraisalCard_IsNotPaleGreen()
    {
        // "good" renders pale green on white in Teams: the least legible colour, on the line that matters most.
        var predikatLines = Gallery().Values.SelectMany(Descendants)
            .Where(n => n is JsonObject o && (string?)o["type"] == "TextBlock" && ((string?)o["text"])?.StartsWith("Predikat", StringComparison.Ordinal) == true)
            .ToList();

        Assert.NotEmpty(predikatLines);
        Assert.All(predikatLines, n => Assert.NotEqual("good", (string?)n!["color"]));
    }

    private static IEnumerable<JsonNode?> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => new[] { node }.Concat(o.SelectMany(p => Descendants(p.Value))),
        JsonArray a => a.SelectMany(Descendants),
        _ => [],
    };
}

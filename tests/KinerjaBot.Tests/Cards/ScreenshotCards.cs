using System.Text;
using System.Text.Json.Nodes;
using KinerjaBot.Data.Model;
using KinerjaBot.Domain;
using KinerjaBot.Features.Appraisal;
using KinerjaBot.Features.Feedback;
using KinerjaBot.Features.Onboarding;
using KinerjaBot.Features.Progress;
using KinerjaBot.Features.Reminders;
using KinerjaBot.Localization;
using KinerjaBot.Tests.Support;

namespace KinerjaBot.Tests.Cards;

/// <summary>
/// The cards shown in the README (docs/screenshots/*.png), with tidy demo data. <c>bash scripts/screenshots.sh</c>
/// runs this test with KINERJABOT_SCREENSHOT_CARDS set to a folder, then renders what it wrote there with the
/// official Adaptive Cards library in headless Chromium.
/// </summary>
public sealed class ScreenshotCards
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    /// <summary>A count indicator, as most of the seeds' are.</summary>
    internal static readonly IndicatorMeasure Count = new(ReportCombination.Sum, IndicatorDirection.HigherIsBetter);

    /// <summary>Figures of a count indicator with <paramref name="approved"/> approved in one report and <paramref name="pending"/> waiting in another.</summary>
    internal static RealisationFigures Counted(decimal approved, decimal pending, decimal target) =>
        Realisation.Figures(Count, target, new[] { (Today, approved, true), (Today, pending, false) }.Where(r => r.Item2 > 0 || r.Item3));

    internal static Dictionary<string, JsonNode> Showcase()
    {
        var t = Texts.For(Texts.Indonesian);
        var indicators = new List<IndicatorProgress>
        {
            new(1, "Jumlah KTP-el yang diterbitkan", "dokumen", 2400, "Terlayaninya penerbitan dokumen kependudukan", RhkKind.Utama, Count, Counted(1830, 45, 2400), 210),
            new(2, "Jumlah Kartu Keluarga yang diterbitkan", "dokumen", 1800, "Terlayaninya penerbitan dokumen kependudukan", RhkKind.Utama, Count, Counted(1240, 0, 1800), 96),
            new(3, "Jumlah laporan pengaduan yang diselesaikan", "laporan pengaduan", 120, "Tertanganinya pengaduan layanan", RhkKind.Utama, Count, Counted(88, 3, 120), 9),
        };
        EntryView Entry(ProgressStatus status) => new(7, 2, status, Today, 45, "Perekaman dan pencetakan KTP-el di loket utama",
            "https://drive.example.go.id/dafduk/ktp-el-23-11", null, 3, "Siti Nurhaliza, A.Md.", "199205122019032002",
            1, "Jumlah KTP-el yang diterbitkan", "dokumen", 2400, Count, Counted(1830, 45, 2400), status == ProgressStatus.Approved ? "Rina Marlina" : null);
        var feedback = new FeedbackView(5, 1, FeedbackRequestStatus.Open, 3, "Siti Nurhaliza", 2, "Rina Marlina", CardGalleryTests.Subjects[1],
            "Apakah cara saya mencatat antrean KTP-el sudah cukup rapi?", Today.AddDays(7), DateTimeOffset.UnixEpoch, null, null);

        return new Dictionary<string, JsonNode>(StringComparer.Ordinal)
        {
            ["help"] = OnboardingCards.Help(t, isRater: true, isRegistered: true).ToJson(),
            ["progress-form"] = ProgressCards.Form(t, indicators, Today).ToJson(),
            ["review-pending"] = ProgressCards.ForReviewer(t, Entry(ProgressStatus.Submitted), ["29:a"]).ToJson(),
            ["review-approved"] = ProgressCards.ForEmployee(t, Entry(ProgressStatus.Approved), ["29:a"]).ToJson(),
            ["status"] = StatusCards.Status(t, "Ibu Rina", 2026, Today, indicators.Take(2).ToList(),
                [new TeamMemberStatus("Siti Nurhaliza", 12, 1, Today), new TeamMemberStatus("Budi Santoso", 4, 1, Today.AddDays(-2)), new TeamMemberStatus("Agus Prasetyo", 0, 0, null)], 3).ToJson(),
            ["feedback-request"] = FeedbackCards.ForRecipient(t, feedback, ["29:a"]).ToJson(),
            ["appraisal-rating"] = AppraisalCards.ForRater(t, CardGalleryTests.Appraisal(AppraisalStatus.SelfAssessed), ["29:a"]).ToJson(),
            ["reminder"] = ReminderCards.Reminder(t, new ReminderView(ReminderRuleKind.MonthlyRealisation, "2026-11", new DateOnly(2026, 11, 30), 5, "Ibu Siti",
                PerformancePeriod.Month(2026, 11), null, 1, true, false)).ToJson(),
            ["help-en"] = OnboardingCards.Help(Texts.For(Texts.English), isRater: true, isRegistered: true).ToJson(),
        };
    }

    [Fact]
    public void Showcase_EveryReadmeCard_IsValidAndWrittenWhenAsked()
    {
        var cards = Showcase();

        CardValidator.ValidateAll(cards).AssertValid();
        var folder = Environment.GetEnvironmentVariable("KINERJABOT_SCREENSHOT_CARDS");
        if (!string.IsNullOrWhiteSpace(folder))
        {
            Directory.CreateDirectory(folder);
            foreach (var (name, card) in cards)
            {
                File.WriteAllText(Path.Combine(folder, name + ".json"), card.ToJsonString(), new UTF8Encoding(false));
            }

            Assert.Equal(cards.Count, Directory.GetFiles(folder, "*.json").Length);
        }
    }
}

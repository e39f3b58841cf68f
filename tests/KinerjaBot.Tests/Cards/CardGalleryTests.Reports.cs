using System.Text.Json.Nodes;
using KinerjaBot.Domain;
using KinerjaBot.Features.Reports;
using KinerjaBot.Localization;

namespace KinerjaBot.Tests.Cards;

public sealed partial class CardGalleryTests
{
    private static void AddReportCards(Dictionary<string, JsonNode> cards, string language, Texts t)
    {
        var team = new TeamReport("Ibu Rina", Today,
        [
            new TeamMemberReport(3, "Siti Nurhaliza", 4, ["Jumlah KTP-el yang diterbitkan", "Jumlah KK <b>&</b>", "Pengaduan", "Lainnya"], 2, Today,
            [
                new OverdueLine(OverdueKind.MonthlyRealisation, PerformancePeriod.Month(2026, 10), null, Today.AddDays(-18)),
                new OverdueLine(OverdueKind.FeedbackAnswer, null, "Budi Santoso", Today.AddDays(-2)),
                new OverdueLine(OverdueKind.Appraisal, PerformancePeriod.Quarter(2026, 3), null, Today.AddDays(-44)),
            ]),
            new TeamMemberReport(4, "Budi Santoso", 0, [], 0, null, []),
        ]);
        cards[$"{language}-report-team"] = ReportCards.Team(t, team).ToJson();
        cards[$"{language}-report-team-empty"] = ReportCards.Team(t, new TeamReport("Bapak Budi", Today, [])).ToJson();
        var overview = new UnitOverview("Bidang Pelayanan Pendaftaran Penduduk", Today, PerformancePeriod.Quarter(2026, 3),
            [new SubUnitSummary("Bidang Pelayanan", 3, 2, 3, 4m), new SubUnitSummary("Seksi Identitas", 1, 0, 0, null)],
            [new PersonCompletion("Siti", "Bidang Pelayanan", 3m, 1), new PersonCompletion("Tamu", "Seksi Identitas", null, 0)], 45,
            Enum.GetValues<Predikat>().ToDictionary(p => p, p => (int)p), 2);
        cards[$"{language}-report-unit"] = ReportCards.Unit(t, overview).ToJson();
    }
}

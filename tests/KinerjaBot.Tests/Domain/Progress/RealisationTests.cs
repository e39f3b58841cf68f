using KinerjaBot.Domain;

namespace KinerjaBot.Tests.Domain.Progress;

public class RealisationTests
{
    private static readonly DateOnly Jan = new(2026, 1, 25), Feb = new(2026, 2, 25), Mar = new(2026, 3, 25);

    private static readonly IndicatorMeasure Count = new(ReportCombination.Sum, IndicatorDirection.HigherIsBetter);
    private static readonly IndicatorMeasure Rate = new(ReportCombination.Latest, IndicatorDirection.HigherIsBetter);
    private static readonly IndicatorMeasure ServiceTime = new(ReportCombination.Average, IndicatorDirection.LowerIsBetter);
    private static readonly IndicatorMeasure Budget = new(ReportCombination.Sum, IndicatorDirection.LowerIsBetter);

    // The seeds' kinds of indicator, and the aspek/unit pairs where the aspek changes the reading.
    [Theory]
    [InlineData(IndicatorAspect.Kuantitas, "dokumen", ReportCombination.Sum, IndicatorDirection.HigherIsBetter)]
    [InlineData(IndicatorAspect.Kuantitas, "laporan pengaduan", ReportCombination.Sum, IndicatorDirection.HigherIsBetter)]
    [InlineData(IndicatorAspect.Waktu, "%", ReportCombination.Latest, IndicatorDirection.HigherIsBetter)]
    [InlineData(IndicatorAspect.Kualitas, " Persen ", ReportCombination.Latest, IndicatorDirection.HigherIsBetter)]
    [InlineData(IndicatorAspect.Kualitas, "indeks", ReportCombination.Latest, IndicatorDirection.HigherIsBetter)]
    [InlineData(IndicatorAspect.Waktu, "hari", ReportCombination.Average, IndicatorDirection.LowerIsBetter)]
    [InlineData(IndicatorAspect.Waktu, "Hari Kerja", ReportCombination.Average, IndicatorDirection.LowerIsBetter)]
    [InlineData(IndicatorAspect.Waktu, "jam", ReportCombination.Average, IndicatorDirection.LowerIsBetter)]
    [InlineData(IndicatorAspect.Kualitas, "menit", ReportCombination.Average, IndicatorDirection.LowerIsBetter)]
    [InlineData(IndicatorAspect.Kuantitas, "hari", ReportCombination.Sum, IndicatorDirection.HigherIsBetter)]
    [InlineData(IndicatorAspect.Waktu, "laporan", ReportCombination.Sum, IndicatorDirection.HigherIsBetter)]
    [InlineData(IndicatorAspect.Biaya, "rupiah", ReportCombination.Sum, IndicatorDirection.LowerIsBetter)]
    [InlineData(IndicatorAspect.Biaya, "Rp", ReportCombination.Sum, IndicatorDirection.LowerIsBetter)]
    [InlineData(IndicatorAspect.Biaya, "%", ReportCombination.Latest, IndicatorDirection.HigherIsBetter)]
    [InlineData(IndicatorAspect.Kuantitas, "rupiah", ReportCombination.Sum, IndicatorDirection.HigherIsBetter)]
    public void Default_FollowsTheUnitThenTheAspek(IndicatorAspect aspect, string unit, ReportCombination combination, IndicatorDirection direction)
    {
        Assert.Equal(new IndicatorMeasure(combination, direction), Realisation.Default(aspect, unit));
    }

    [Fact]
    public void Sum_AddsUp() => Assert.Equal(6m, Realisation.Of(ReportCombination.Sum, [(Jan, 1m), (Feb, 2m), (Mar, 3m)]));

    [Fact]
    public void Latest_IsTheLatestReport() => Assert.Equal(97.5m, Realisation.Of(ReportCombination.Latest, [(Jan, 99m), (Mar, 97.5m), (Feb, 98m)]));

    [Fact]
    public void Latest_OnTheSameDate_TheLaterReportWins() => Assert.Equal(96m, Realisation.Of(ReportCombination.Latest, [(Feb, 99m), (Feb, 96m)]));

    [Fact]
    public void Average_IsTheMean()
    {
        Assert.Equal(1m, Realisation.Of(ReportCombination.Average, [(Jan, 1m), (Feb, 1m), (Mar, 1m)]));
        Assert.Equal(0.75m, Realisation.Of(ReportCombination.Average, [(Jan, 1m), (Feb, 0.5m)]));
    }

    [Theory]
    [InlineData(ReportCombination.Sum)]
    [InlineData(ReportCombination.Latest)]
    [InlineData(ReportCombination.Average)]
    public void Nothing_Reported_IsZero(ReportCombination combination) => Assert.Equal(0m, Realisation.Of(combination, []));

    [Fact]
    public void Count_AchievementIsRealisationOverTarget_AndPendingIsApart()
    {
        var reports = Enumerable.Range(1, 11).Select(m => (new DateOnly(2026, m, 25), 1m, true)).Append((new DateOnly(2026, 11, 26), 1m, false));

        var figures = Realisation.Figures(Count, 12m, reports);

        Assert.Equal(new RealisationFigures(11m, 11, 1m, 1, 11m / 12m), figures);
    }

    [Fact]
    public void Count_NothingReportedYet_IsZeroPercent() => Assert.Equal(0m, Realisation.Figures(Count, 2400m, []).Achievement);

    [Fact]
    public void Percentage_AchievementIsTheLatestLevelOverTarget() =>
        Assert.Equal(99.5m / 99m, Realisation.Figures(Rate, 99m, [(Jan, 98m, true), (Feb, 99.5m, true)]).Achievement);

    [Fact]
    public void ServiceTime_MonthlyReportsOfOneDay_AreOneDayAndFullAchievement()
    {
        var figures = Realisation.Figures(ServiceTime, 1m, [(Jan, 1m, true), (Feb, 1m, true), (Mar, 1m, true)]);

        Assert.Equal((1m, 1m), (figures.Approved, figures.Achievement));
    }

    [Fact]
    public void ServiceTime_FasterThanTarget_IsAboveHundredPercent() =>
        Assert.Equal(2m, Realisation.Figures(ServiceTime, 1m, [(Jan, 0.5m, true)]).Achievement);

    [Fact]
    public void ServiceTime_InHours_SlowerThanTarget_IsBelowHundredPercent() =>
        Assert.Equal(0.5m, Realisation.Figures(ServiceTime, 4m, [(Jan, 6m, true), (Feb, 10m, true)]).Achievement);

    [Fact]
    public void ServiceTime_NothingApproved_HasNoAchievement_NotAnInfiniteOne()
    {
        var figures = Realisation.Figures(ServiceTime, 1m, [(Jan, 0.5m, false)]);

        Assert.Null(figures.Achievement);
        Assert.Equal(1, figures.PendingReports);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.01)]
    public void ServiceTime_NearZero_IsCapped(decimal days) =>
        Assert.Equal(Realisation.MaxAchievement, Realisation.Figures(ServiceTime, 1m, [(Jan, days, true)]).Achievement);

    [Fact]
    public void Budget_SpendingAddsUp_AndOverspendingIsBelowHundredPercent()
    {
        var figures = Realisation.Figures(Budget, 100_000_000m, [(Jan, 70_000_000m, true), (Feb, 55_000_000m, true)]);

        Assert.Equal((125_000_000m, 0.8m), (figures.Approved, figures.Achievement));
    }

    [Fact]
    public void Budget_UnderSpent_IsAboveHundredPercent() =>
        Assert.Equal(1.25m, Realisation.Figures(Budget, 100_000_000m, [(Jan, 80_000_000m, true)]).Achievement);

    [Theory]
    [InlineData(IndicatorDirection.HigherIsBetter)]
    [InlineData(IndicatorDirection.LowerIsBetter)]
    public void NoTarget_HasNoAchievement(IndicatorDirection direction) => Assert.Null(Realisation.Achievement(direction, 0m, 5m, 1));

    [Fact]
    public void Completion_CapsEachIndicatorAtHundred_AndCountsNothingYetAsZero()
    {
        Assert.Equal(50m, Realisation.CompletionPercent([0.5m, null, 2m]));
        Assert.Null(Realisation.CompletionPercent([]));
    }
}

using KinerjaBot.Domain;

namespace KinerjaBot.Tests.Domain.Progress;

public class RealisationTests
{
    private static readonly DateOnly Jan = new(2026, 1, 25), Feb = new(2026, 2, 25), Mar = new(2026, 3, 25);

    [Theory]
    [InlineData("laporan")]
    [InlineData("dokumen")]
    [InlineData("laporan pengaduan")]
    [InlineData("kegiatan")]
    public void Counts_AddUp(string unit)
    {
        Assert.Equal(6m, Realisation.Of(unit, [(Jan, 1m), (Feb, 2m), (Mar, 3m)]));
    }

    [Theory]
    [InlineData("%")]
    [InlineData(" % ")]
    [InlineData("persen")]
    [InlineData("Indeks")]
    [InlineData("nilai")]
    public void Rates_AreTheLatestReport(string unit)
    {
        Assert.Equal(97.5m, Realisation.Of(unit, [(Jan, 99m), (Mar, 97.5m), (Feb, 98m)]));
    }

    [Fact]
    public void Rates_OnTheSameDate_TheLaterReportWins()
    {
        Assert.Equal(96m, Realisation.Of("%", [(Feb, 99m), (Feb, 96m)]));
    }

    [Theory]
    [InlineData("%")]
    [InlineData("laporan")]
    [InlineData(null)]
    public void Nothing_Reported_IsZero(string? unit)
    {
        Assert.Equal(0m, Realisation.Of(unit, []));
    }
}

using KinerjaBot.Domain;
using KinerjaBot.Localization;

namespace KinerjaBot.Tests.Domain.Periods;

public sealed class PeriodInputTests
{
    private static readonly DateOnly November2026 = new(2026, 11, 23);
    private static readonly DateOnly January2027 = new(2027, 1, 7);

    [Theory]
    // Codes as stored.
    [InlineData("2026", "2026")]
    [InlineData("2026-Q2", "2026-Q2")]
    [InlineData("2026-q2", "2026-Q2")]
    [InlineData("2026 Q2", "2026-Q2")]
    [InlineData("2026Q2", "2026-Q2")]
    [InlineData("2026-07", "2026-07")]
    // Triwulan as people write it.
    [InlineData("TW2", "2026-Q2")]
    [InlineData("tw2", "2026-Q2")]
    [InlineData("tw 2", "2026-Q2")]
    [InlineData("TW II", "2026-Q2")]
    [InlineData("TW2 2026", "2026-Q2")]
    [InlineData("tw 2 2025", "2025-Q2")]
    [InlineData("TW II/2026", "2026-Q2")]
    [InlineData("triwulan 2", "2026-Q2")]
    [InlineData("triwulan 2 2026", "2026-Q2")]
    [InlineData("Triwulan II 2026", "2026-Q2")]
    [InlineData("triwulan ii tahun 2026", "2026-Q2")]
    [InlineData("Triwulan III Tahun 2026", "2026-Q3")]
    [InlineData("  triwulan   I    2026 ", "2026-Q1")]
    [InlineData("Q2", "2026-Q2")]
    [InlineData("q3 2026", "2026-Q3")]
    [InlineData("Q IV 2026", "2026-Q4")]
    // English.
    [InlineData("quarter 2 2026", "2026-Q2")]
    [InlineData("Quarter 2 of 2026", "2026-Q2")]
    [InlineData("quarter 3", "2026-Q3")]
    [InlineData("annual 2026", "2026")]
    [InlineData("year 2025", "2025")]
    // Annual.
    [InlineData("tahunan 2026", "2026")]
    [InlineData("Tahunan", "2025")]
    [InlineData("annual", "2025")]
    [InlineData("Tahun 2026", "2026")]
    public void TryParse_InNovember2026(string text, string code)
    {
        Assert.True(PeriodInput.TryParse(text, November2026, out var period));
        Assert.Equal(code, period.Code);
    }

    [Theory]
    // Without a year: the latest quarter with that number that has begun, the annual appraisal now due.
    [InlineData("TW4", "2026-Q4")]
    [InlineData("triwulan IV", "2026-Q4")]
    [InlineData("TW1", "2027-Q1")]
    [InlineData("tw 2", "2026-Q2")]
    [InlineData("tahunan", "2026")]
    [InlineData("annual", "2026")]
    public void TryParse_WithoutAYear_InJanuary2027(string text, string code)
    {
        Assert.True(PeriodInput.TryParse(text, January2027, out var period));
        Assert.Equal(code, period.Code);
    }

    [Fact]
    public void TryParse_AnnualWithoutAYear_InDecember_IsTheCurrentYear()
    {
        Assert.True(PeriodInput.TryParse("tahunan", new DateOnly(2026, 12, 1), out var period));
        Assert.Equal(PerformancePeriod.ForYear(2026), period);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("kemarin")]
    [InlineData("TW5")]
    [InlineData("TW0")]
    [InlineData("triwulan V 2026")]
    [InlineData("Q2 26")]
    [InlineData("2026-Q5")]
    [InlineData("2026-13")]
    [InlineData("0000")]
    [InlineData("tahunan 0000")]
    [InlineData("tw 2 0000")]
    [InlineData("triwulan 2 2026 extra")]
    [InlineData("tahunan tahunan")]
    [InlineData("twii2026x")]
    public void TryParse_NotAPeriod_IsRefused(string? text)
    {
        Assert.False(PeriodInput.TryParse(text, November2026, out _));
    }

    [Theory]
    [InlineData("2026-Q1", "Triwulan I Tahun 2026", "Quarter I of 2026")]
    [InlineData("2026-Q2", "Triwulan II Tahun 2026", "Quarter II of 2026")]
    [InlineData("2026-Q3", "Triwulan III Tahun 2026", "Quarter III of 2026")]
    [InlineData("2026-Q4", "Triwulan IV Tahun 2026", "Quarter IV of 2026")]
    [InlineData("2026", "Tahun 2026", "Year 2026")]
    [InlineData("2026-11", "November 2026", "November 2026")]
    public void Period_NamesEveryKind_InBothLanguages(string code, string indonesian, string english)
    {
        var period = PerformancePeriod.Parse(code);

        Assert.Equal(indonesian, Texts.For("id").Period(period));
        Assert.Equal(english, Texts.For("en").Period(period));
    }

    [Fact]
    public void Period_EveryNameIsReadBackAsTheSamePeriod()
    {
        foreach (var period in new[] { PerformancePeriod.ForYear(2026) }.Concat(Enumerable.Range(1, 4).Select(q => PerformancePeriod.Quarter(2026, q))))
        {
            foreach (var language in new[] { "id", "en" })
            {
                Assert.True(PeriodInput.TryParse(Texts.For(language).Period(period), November2026, out var read), $"{language}: {Texts.For(language).Period(period)}");
                Assert.Equal(period, read);
            }
        }
    }
}

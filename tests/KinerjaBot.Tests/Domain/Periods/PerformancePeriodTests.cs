using KinerjaBot.Domain;

namespace KinerjaBot.Tests.Domain.Periods;

public class PerformancePeriodTests
{
    [Fact]
    public void ForYear_SpansJanuaryToDecember()
    {
        var year = PerformancePeriod.ForYear(2026);

        Assert.Equal(new DateOnly(2026, 1, 1), year.Start);
        Assert.Equal(new DateOnly(2026, 12, 31), year.End);
        Assert.Equal("2026", year.Code);
        Assert.Equal(12, year.MonthCount);
        Assert.Equal(new PerformancePeriod(2026, PeriodKind.Year, 1), year);
    }

    [Theory]
    [InlineData(1, "2026-01-01", "2026-03-31")]
    [InlineData(2, "2026-04-01", "2026-06-30")]
    [InlineData(3, "2026-07-01", "2026-09-30")]
    [InlineData(4, "2026-10-01", "2026-12-31")]
    public void Quarter_StartAndEnd_AreInclusiveCalendarQuarters(int q, string start, string end)
    {
        var quarter = PerformancePeriod.Quarter(2026, q);

        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), quarter.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), quarter.End);
        Assert.Equal($"2026-Q{q}", quarter.Code);
        Assert.Equal(3, quarter.MonthCount);
    }

    [Theory]
    [InlineData(2026, 2, 28)]
    [InlineData(2024, 2, 29)]
    [InlineData(2026, 1, 31)]
    [InlineData(2026, 4, 30)]
    [InlineData(2026, 12, 31)]
    public void Month_EndsOnTheLastDayOfTheMonth(int year, int month, int lastDay)
    {
        var period = PerformancePeriod.Month(year, month);

        Assert.Equal(new DateOnly(year, month, 1), period.Start);
        Assert.Equal(new DateOnly(year, month, lastDay), period.End);
        Assert.Equal(1, period.MonthCount);
    }

    [Theory]
    [InlineData(PeriodKind.Year, 0)]
    [InlineData(PeriodKind.Year, 2)]
    [InlineData(PeriodKind.Quarter, 0)]
    [InlineData(PeriodKind.Quarter, 5)]
    [InlineData(PeriodKind.Month, 0)]
    [InlineData(PeriodKind.Month, 13)]
    [InlineData(PeriodKind.Month, -1)]
    public void Constructor_NumberOutOfRange_Throws(PeriodKind kind, int number)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerformancePeriod(2026, kind, number));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10000)]
    [InlineData(-2026)]
    public void Constructor_YearOutOfRange_Throws(int year)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PerformancePeriod.ForYear(year));
    }

    [Fact]
    public void Constructor_UndefinedKind_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerformancePeriod(2026, (PeriodKind)3, 1));
    }

    [Fact]
    public void Containing_EveryDayOf2024_FallsInsideItsPeriods()
    {
        for (var day = new DateOnly(2024, 1, 1); day.Year == 2024; day = day.AddDays(1))
        {
            foreach (var kind in Enum.GetValues<PeriodKind>())
            {
                var period = PerformancePeriod.Containing(day, kind);
                Assert.Equal(kind, period.Kind);
                Assert.True(period.Contains(day));
                Assert.True(period.Start <= day && day <= period.End);
            }

            Assert.Equal(day.Month, PerformancePeriod.Containing(day, PeriodKind.Month).Number);
            Assert.Equal((day.Month + 2) / 3, PerformancePeriod.Containing(day, PeriodKind.Quarter).Number);
        }
    }

    [Fact]
    public void Contains_EdgesInclusive_NeighboursExcluded()
    {
        var q3 = PerformancePeriod.Quarter(2026, 3);

        Assert.True(q3.Contains(new DateOnly(2026, 7, 1)));
        Assert.True(q3.Contains(new DateOnly(2026, 9, 30)));
        Assert.False(q3.Contains(new DateOnly(2026, 6, 30)));
        Assert.False(q3.Contains(new DateOnly(2026, 10, 1)));
    }

    [Theory]
    [InlineData("2026-Q1", "2025-Q4", "2026-Q2")]
    [InlineData("2026-Q4", "2026-Q3", "2027-Q1")]
    [InlineData("2026-01", "2025-12", "2026-02")]
    [InlineData("2026-12", "2026-11", "2027-01")]
    [InlineData("2026", "2025", "2027")]
    public void PreviousAndNext_CrossYearBoundaries(string code, string previous, string next)
    {
        var period = PerformancePeriod.Parse(code);

        Assert.Equal(previous, period.Previous().Code);
        Assert.Equal(next, period.Next().Code);
        Assert.Equal(period, period.Previous().Next());
        Assert.Equal(period, period.Next().Previous());
    }

    [Fact]
    public void PreviousAndNext_AtTheEndsOfTheCalendar_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PerformancePeriod.Month(1, 1).Previous());
        Assert.Throws<ArgumentOutOfRangeException>(() => PerformancePeriod.ForYear(9999).Next());
    }

    [Fact]
    public void Months_ChainWithoutGapsAcrossAYear()
    {
        var month = PerformancePeriod.Month(2025, 12);
        for (var i = 0; i < 13; i++)
        {
            var next = month.Next();
            Assert.Equal(month.End.AddDays(1), next.Start);
            month = next;
        }

        Assert.Equal("2027-01", month.Code);
    }

    [Fact]
    public void TryParse_EveryCodeOfAYear_RoundTrips()
    {
        var periods = new List<PerformancePeriod> { PerformancePeriod.ForYear(2026) };
        periods.AddRange(Enumerable.Range(1, 4).Select(q => PerformancePeriod.Quarter(2026, q)));
        periods.AddRange(Enumerable.Range(1, 12).Select(m => PerformancePeriod.Month(2026, m)));

        foreach (var period in periods)
        {
            Assert.True(PerformancePeriod.TryParse(period.Code, out var parsed));
            Assert.Equal(period, parsed);
            Assert.Equal(period.Code, period.ToString());
        }
    }

    [Theory]
    [InlineData("2026-07", PeriodKind.Month, 7)]
    [InlineData("2026-Q3", PeriodKind.Quarter, 3)]
    [InlineData("2026-q3", PeriodKind.Quarter, 3)]
    [InlineData("2026", PeriodKind.Year, 1)]
    [InlineData("0001-01", PeriodKind.Month, 1)]
    public void TryParse_ValidCodes(string code, PeriodKind kind, int number)
    {
        Assert.True(PerformancePeriod.TryParse(code, out var period));
        Assert.Equal(kind, period.Kind);
        Assert.Equal(number, period.Number);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" 2026")]
    [InlineData("2026 ")]
    [InlineData("26")]
    [InlineData("20261")]
    [InlineData("0000")]
    [InlineData("2026-")]
    [InlineData("2026-Q")]
    [InlineData("2026-Q0")]
    [InlineData("2026-Q5")]
    [InlineData("2026Q3")]
    [InlineData("2026-Q03")]
    [InlineData("2026-7")]
    [InlineData("2026-00")]
    [InlineData("2026-13")]
    [InlineData("2026-1a")]
    [InlineData("2026/07")]
    [InlineData("-2026")]
    [InlineData("\uFF12\uFF10\uFF12\uFF16")]
    public void TryParse_InvalidCodes_ReturnFalse(string? code)
    {
        Assert.False(PerformancePeriod.TryParse(code, out var period));
        Assert.Equal(default, period);
    }

    [Fact]
    public void Parse_InvalidCode_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => PerformancePeriod.Parse("2026-Q5"));
    }
}

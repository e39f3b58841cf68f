using KinerjaBot.Domain;

namespace KinerjaBot.Tests.Domain.Ratings;

public class AngkaKreditTests
{
    [Theory]
    [InlineData(Predikat.SangatBaik, 150)]
    [InlineData(Predikat.Baik, 100)]
    [InlineData(Predikat.ButuhPerbaikan, 75)]
    [InlineData(Predikat.KurangMisconduct, 50)]
    [InlineData(Predikat.SangatKurang, 25)]
    public void Percentage_FollowsPeraturanBkn3of2023(Predikat predikat, int expected)
    {
        Assert.Equal(expected, AngkaKredit.Percentage(predikat));
    }

    [Fact]
    public void For_TwoMonthsBaikCoefficient12_5_Is2_083()
    {
        Assert.Equal(2.083m, AngkaKredit.For(Predikat.Baik, 12.5m, months: 2));
    }

    [Fact]
    public void Round_TwoMonthsBaikCoefficient12_5_ToTwoDecimals_IsTheBknExample2_08()
    {
        Assert.Equal(2.08m, AngkaKredit.Round(AngkaKredit.Exact(Predikat.Baik, 12.5m, months: 2), 2));
    }

    [Theory]
    [InlineData(Predikat.SangatBaik, "12.5", "18.75")]
    [InlineData(Predikat.Baik, "12.5", "12.5")]
    [InlineData(Predikat.ButuhPerbaikan, "25", "18.75")]
    [InlineData(Predikat.KurangMisconduct, "37.5", "18.75")]
    [InlineData(Predikat.SangatKurang, "50", "12.5")]
    public void For_FullYear_IsPercentageTimesCoefficient(Predikat predikat, string coefficient, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            AngkaKredit.For(predikat, decimal.Parse(coefficient, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void For_MidpointRoundsAwayFromZero()
    {
        // 6/12 × 150% × 3.75 = 2.8125 exactly; banker's rounding would give 2.812.
        Assert.Equal(2.8125m, AngkaKredit.Exact(Predikat.SangatBaik, 3.75m, months: 6));
        Assert.Equal(2.813m, AngkaKredit.For(Predikat.SangatBaik, 3.75m, months: 6));
    }

    [Fact]
    public void Round_OfExact_AvoidsDoubleRounding()
    {
        // 11/12 × 25% × 12.5 = 2.86458…: rounding the 3-decimal 2.865 again would give 2.87.
        Assert.Equal(2.865m, AngkaKredit.For(Predikat.SangatKurang, 12.5m, months: 11));
        Assert.Equal(2.86m, AngkaKredit.Round(AngkaKredit.Exact(Predikat.SangatKurang, 12.5m, months: 11), 2));
    }

    [Fact]
    public void For_EveryMonthCount_IsProportional()
    {
        for (var months = 1; months <= 12; months++)
        {
            Assert.Equal(months * 12.5m / 12m, AngkaKredit.Exact(Predikat.Baik, 12.5m, months));
            Assert.Equal(Math.Round(months * 12.5m / 12m, 3, MidpointRounding.AwayFromZero), AngkaKredit.For(Predikat.Baik, 12.5m, months));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void For_MonthsOutsideOneToTwelve_Throws(int months)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AngkaKredit.For(Predikat.Baik, 12.5m, months));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-12.5)]
    public void For_CoefficientNotPositive_Throws(double coefficient)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AngkaKredit.For(Predikat.Baik, (decimal)coefficient));
    }

    [Fact]
    public void For_UndefinedPredikat_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AngkaKredit.For((Predikat)6, 12.5m));
    }
}

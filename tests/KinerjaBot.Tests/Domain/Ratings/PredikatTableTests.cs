using KinerjaBot.Domain;

namespace KinerjaBot.Tests.Domain.Ratings;

public class PredikatTableTests
{
    // DOMAIN.md §2, row by row: work result (rows) against behaviour (columns).
    [Theory]
    [InlineData(Rating.AboveExpectation, Rating.BelowExpectation, Predikat.KurangMisconduct)]
    [InlineData(Rating.AboveExpectation, Rating.MeetsExpectation, Predikat.Baik)]
    [InlineData(Rating.AboveExpectation, Rating.AboveExpectation, Predikat.SangatBaik)]
    [InlineData(Rating.MeetsExpectation, Rating.BelowExpectation, Predikat.KurangMisconduct)]
    [InlineData(Rating.MeetsExpectation, Rating.MeetsExpectation, Predikat.Baik)]
    [InlineData(Rating.MeetsExpectation, Rating.AboveExpectation, Predikat.Baik)]
    [InlineData(Rating.BelowExpectation, Rating.BelowExpectation, Predikat.SangatKurang)]
    [InlineData(Rating.BelowExpectation, Rating.MeetsExpectation, Predikat.ButuhPerbaikan)]
    [InlineData(Rating.BelowExpectation, Rating.AboveExpectation, Predikat.ButuhPerbaikan)]
    public void For_EachCell_MatchesOfficialQuadrant(Rating workResult, Rating behaviour, Predikat expected)
    {
        Assert.Equal(expected, PredikatTable.For(workResult, behaviour));
        Assert.Contains((workResult, behaviour, expected), PredikatTable.Cells);
    }

    [Fact]
    public void Cells_CoverEveryPairOnce_AndAgreeWithFor()
    {
        var pairs = PredikatTable.Cells.Select(c => (c.WorkResult, c.Behaviour)).ToList();

        Assert.Equal(9, pairs.Count);
        Assert.Equal(9, pairs.Distinct().Count());
        Assert.All(PredikatTable.Cells, c => Assert.Equal(c.Predikat, PredikatTable.For(c.WorkResult, c.Behaviour)));
    }

    [Fact]
    public void Cells_UseEveryPredikat()
    {
        Assert.Equal(Enum.GetValues<Predikat>().Order(), PredikatTable.Cells.Select(c => c.Predikat).Distinct().Order());
    }

    [Fact]
    public void Predikat_NumbersFollowTheCurveOrder()
    {
        Assert.Equal(
            [Predikat.SangatKurang, Predikat.KurangMisconduct, Predikat.ButuhPerbaikan, Predikat.Baik, Predikat.SangatBaik],
            Enum.GetValues<Predikat>().OrderBy(p => (int)p));
        Assert.Equal(1, (int)Predikat.SangatKurang);
        Assert.Equal(5, (int)Predikat.SangatBaik);
    }

    [Fact]
    public void For_BetterBehaviourNeverLowersThePredikat()
    {
        foreach (var work in Enum.GetValues<Rating>())
        {
            Assert.True(PredikatTable.For(work, Rating.BelowExpectation) <= PredikatTable.For(work, Rating.MeetsExpectation));
            Assert.True(PredikatTable.For(work, Rating.MeetsExpectation) <= PredikatTable.For(work, Rating.AboveExpectation));
        }
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(2, 0)]
    [InlineData(4, 2)]
    [InlineData(2, -1)]
    public void For_UndefinedRating_Throws(int workResult, int behaviour)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PredikatTable.For((Rating)workResult, (Rating)behaviour));
    }
}

using KinerjaBot.Domain;

namespace KinerjaBot.Tests.Domain.Organisation;

public class RaterResolverTests
{
    private static readonly DateOnly March1 = new(2026, 3, 1);
    private static readonly DateOnly March31 = new(2026, 3, 31);

    [Fact]
    public void EffectiveRater_NoActings_IsTheDefinitiveRater()
    {
        Assert.Equal("kabid", RaterResolver.EffectiveRater("kabid", [], March1));
    }

    [Fact]
    public void EffectiveRater_NoDefinitiveRater_IsNull()
    {
        Assert.Null(RaterResolver.EffectiveRater(null, [Acting("kabid", "plt", March1, March31)], March1));
    }

    [Theory]
    [InlineData(-1, "kabid")]
    [InlineData(0, "plt")]
    [InlineData(15, "plt")]
    [InlineData(30, "plt")]
    [InlineData(31, "kabid")]
    public void EffectiveRater_ActingCoversFromAndToInclusive(int daysAfterMarch1, string expected)
    {
        var actings = new[] { Acting("kabid", "plt", March1, March31) };

        Assert.Equal(expected, RaterResolver.EffectiveRater("kabid", actings, March1.AddDays(daysAfterMarch1)));
    }

    [Fact]
    public void EffectiveRater_OneDayAssignment_CoversThatDayOnly()
    {
        var actings = new[] { Acting("kabid", "plh", March1, March1, ActingKind.Plh) };

        Assert.Equal("plh", RaterResolver.EffectiveRater("kabid", actings, March1));
        Assert.Equal("kabid", RaterResolver.EffectiveRater("kabid", actings, March1.AddDays(1)));
    }

    [Fact]
    public void EffectiveRater_AssignmentForAnotherSupervisor_IsIgnored()
    {
        var actings = new[] { Acting("sekretaris", "plt", March1, March31), Acting("KABID", "plt2", March1, March31) };

        Assert.Equal("kabid", RaterResolver.EffectiveRater("kabid", actings, March1));
    }

    [Fact]
    public void EffectiveRater_PlhInsidePlt_TheLaterStartWins()
    {
        var actings = new[]
        {
            Acting("kabid", "plt", March1, March31),
            Acting("kabid", "plh", new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 12), ActingKind.Plh),
        };

        Assert.Equal("plt", RaterResolver.EffectiveRater("kabid", actings, new DateOnly(2026, 3, 9)));
        Assert.Equal("plh", RaterResolver.EffectiveRater("kabid", actings, new DateOnly(2026, 3, 10)));
        Assert.Equal("plh", RaterResolver.EffectiveRater("kabid", actings, new DateOnly(2026, 3, 12)));
        Assert.Equal("plt", RaterResolver.EffectiveRater("kabid", actings, new DateOnly(2026, 3, 13)));
    }

    [Fact]
    public void EffectiveRater_SameStart_ShorterWinsThenActingId_RegardlessOfOrder()
    {
        var longer = Acting("kabid", "a-long", March1, March31);
        var shorter = Acting("kabid", "z-short", March1, new DateOnly(2026, 3, 5));
        var twinA = Acting("kabid", "b", March1, new DateOnly(2026, 3, 5));

        Assert.Equal("z-short", RaterResolver.EffectiveRater("kabid", [longer, shorter], March1));
        Assert.Equal("z-short", RaterResolver.EffectiveRater("kabid", [shorter, longer], March1));
        Assert.Equal("b", RaterResolver.EffectiveRater("kabid", [shorter, twinA, longer], March1));
        Assert.Equal("b", RaterResolver.EffectiveRater("kabid", [twinA, shorter], March1));
    }

    [Fact]
    public void EffectiveRater_DoesNotChainActings()
    {
        var actings = new[] { Acting("kabid", "plh", March1, March31), Acting("plh", "other", March1, March31) };

        Assert.Equal("plh", RaterResolver.EffectiveRater("kabid", actings, March1));
    }

    [Fact]
    public void ActingAssignment_EndBeforeStart_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Acting("kabid", "plt", March31, March1));
    }

    [Theory]
    [InlineData("", "plt")]
    [InlineData(" ", "plt")]
    [InlineData("kabid", "")]
    public void ActingAssignment_BlankIds_Throw(string supervisorId, string actingId)
    {
        Assert.ThrowsAny<ArgumentException>(() => Acting(supervisorId, actingId, March1, March31));
    }

    [Fact]
    public void ActingAssignment_UndefinedKind_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Acting("kabid", "plt", March1, March31, (ActingKind)5));
    }

    [Fact]
    public void ActingAssignment_IsAValue()
    {
        Assert.Equal(Acting("kabid", "plt", March1, March31), Acting("kabid", "plt", March1, March31));
    }

    private static ActingAssignment Acting(string supervisor, string acting, DateOnly from, DateOnly to, ActingKind kind = ActingKind.Plt) =>
        new(supervisor, acting, from, to, kind);
}

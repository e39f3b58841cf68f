using KinerjaBot.Domain;
using static KinerjaBot.Domain.Predikat;

namespace KinerjaBot.Tests.Domain.Ratings;

public class DistributionCheckTests
{
    [Theory]
    [InlineData(OrganisationResult.Istimewa)]
    [InlineData(OrganisationResult.Baik)]
    [InlineData(OrganisationResult.ButuhPerbaikan)]
    [InlineData(OrganisationResult.Kurang)]
    [InlineData(OrganisationResult.SangatKurang)]
    public void Check_EmptyUnit_IsSatisfied(OrganisationResult result)
    {
        var report = DistributionCheck.Check(result, []);

        Assert.True(report.IsSatisfied);
        Assert.Equal(0, report.Total);
        Assert.Equal(result, report.Result);
    }

    [Fact]
    public void Check_Istimewa_SeventyPercentSangatBaik_IsSatisfied()
    {
        Assert.True(DistributionCheck.Check(OrganisationResult.Istimewa, Unit((SangatBaik, 7), (Baik, 3))).IsSatisfied);
        Assert.True(DistributionCheck.Check(OrganisationResult.Istimewa, Unit((SangatBaik, 700), (Baik, 300))).IsSatisfied);
    }

    [Fact]
    public void Check_Istimewa_SeventyPointOnePercentSangatBaik_IsViolated()
    {
        var report = DistributionCheck.Check(OrganisationResult.Istimewa, Unit((SangatBaik, 701), (Baik, 299)));

        var violation = Assert.Single(report.Violations);
        Assert.False(report.IsSatisfied);
        Assert.Equal(DistributionRuleCodes.MaxShare, violation.RuleCode);
        Assert.Equal([SangatBaik], violation.Subjects);
        Assert.Equal(0.701m, violation.ActualShare);
        Assert.Equal(0.70m, violation.LimitShare);
    }

    [Fact]
    public void Check_Istimewa_AllSangatBaik_ReportsFullShare()
    {
        var violation = Assert.Single(DistributionCheck.Check(OrganisationResult.Istimewa, Unit((SangatBaik, 3))).Violations);

        Assert.Equal(1m, violation.ActualShare);
    }

    [Fact]
    public void Check_Istimewa_TwoThirdsSangatBaik_IsSatisfiedWithoutRounding()
    {
        Assert.True(DistributionCheck.Check(OrganisationResult.Istimewa, Unit((SangatBaik, 2), (Baik, 1))).IsSatisfied);
    }

    [Fact]
    public void Check_Baik_SeventyPercentBaikWithSomeButuhPerbaikan_IsSatisfied()
    {
        Assert.True(DistributionCheck.Check(OrganisationResult.Baik, Unit((Baik, 7), (ButuhPerbaikan, 1), (SangatBaik, 2))).IsSatisfied);
    }

    [Fact]
    public void Check_Baik_KurangAloneSatisfiesMustInclude()
    {
        Assert.True(DistributionCheck.Check(OrganisationResult.Baik, Unit((Baik, 5), (KurangMisconduct, 1), (SangatBaik, 4))).IsSatisfied);
    }

    [Fact]
    public void Check_Baik_NoButuhPerbaikanOrKurang_ViolatesMustInclude()
    {
        var report = DistributionCheck.Check(OrganisationResult.Baik, Unit((Baik, 7), (SangatBaik, 3)));

        var violation = Assert.Single(report.Violations);
        Assert.Equal(DistributionRuleCodes.MustInclude, violation.RuleCode);
        Assert.Equal([ButuhPerbaikan, KurangMisconduct], violation.Subjects);
        Assert.Equal(0m, violation.ActualShare);
    }

    [Fact]
    public void Check_Baik_SangatKurangDoesNotCountForMustInclude()
    {
        var report = DistributionCheck.Check(OrganisationResult.Baik, Unit((Baik, 5), (SangatKurang, 5)));

        Assert.Equal(DistributionRuleCodes.MustInclude, Assert.Single(report.Violations).RuleCode);
    }

    [Fact]
    public void Check_Baik_TooManyBaikAndNoneBelow_ReportsBothRulesInTableOrder()
    {
        var report = DistributionCheck.Check(OrganisationResult.Baik, Unit((Baik, 8), (SangatBaik, 2)));

        Assert.Equal([DistributionRuleCodes.MaxShare, DistributionRuleCodes.MustInclude], report.Violations.Select(v => v.RuleCode));
        Assert.Equal(0.8m, report.Violations[0].ActualShare);
        Assert.Equal([Baik], report.Violations[0].Subjects);
    }

    [Fact]
    public void Check_ButuhPerbaikan_AtBothBounds_IsSatisfied()
    {
        Assert.True(DistributionCheck.Check(OrganisationResult.ButuhPerbaikan, Unit((ButuhPerbaikan, 6), (SangatBaik, 1), (Baik, 3))).IsSatisfied);
        Assert.True(DistributionCheck.Check(OrganisationResult.ButuhPerbaikan, Unit((ButuhPerbaikan, 3), (Baik, 2))).IsSatisfied);
    }

    [Fact]
    public void Check_ButuhPerbaikan_BelowSixtyPercent_ViolatesMinShare()
    {
        var report = DistributionCheck.Check(OrganisationResult.ButuhPerbaikan, Unit((ButuhPerbaikan, 5), (Baik, 4)));

        var violation = Assert.Single(report.Violations);
        Assert.Equal(DistributionRuleCodes.MinShare, violation.RuleCode);
        Assert.Equal([ButuhPerbaikan], violation.Subjects);
        Assert.Equal(5m / 9m, violation.ActualShare);
        Assert.Equal(0.60m, violation.LimitShare);
    }

    [Fact]
    public void Check_ButuhPerbaikan_OverTenPercentSangatBaik_ViolatesMaxShare()
    {
        var tenPercent = DistributionCheck.Check(OrganisationResult.ButuhPerbaikan, Unit((ButuhPerbaikan, 14), (SangatBaik, 2), (Baik, 4)));
        var overTen = DistributionCheck.Check(OrganisationResult.ButuhPerbaikan, Unit((ButuhPerbaikan, 14), (SangatBaik, 2), (Baik, 3)));

        Assert.True(tenPercent.IsSatisfied);
        var violation = Assert.Single(overTen.Violations);
        Assert.Equal(DistributionRuleCodes.MaxShare, violation.RuleCode);
        Assert.Equal([SangatBaik], violation.Subjects);
        Assert.Equal(0.10m, violation.LimitShare);
    }

    [Fact]
    public void Check_Kurang_AtEveryBound_IsSatisfied()
    {
        Assert.True(DistributionCheck.Check(OrganisationResult.Kurang,
            Unit((KurangMisconduct, 6), (ButuhPerbaikan, 1), (SangatBaik, 1), (Baik, 2))).IsSatisfied);
    }

    [Fact]
    public void Check_Kurang_ButuhPerbaikanJustBelowTenPercent_ViolatesMinShare()
    {
        var report = DistributionCheck.Check(OrganisationResult.Kurang,
            Unit((KurangMisconduct, 7), (ButuhPerbaikan, 1), (Baik, 3)));

        var violation = Assert.Single(report.Violations);
        Assert.Equal(DistributionRuleCodes.MinShare, violation.RuleCode);
        Assert.Equal([ButuhPerbaikan], violation.Subjects);
        Assert.Equal(1m / 11m, violation.ActualShare);
        Assert.Equal(0.10m, violation.LimitShare);
    }

    [Fact]
    public void Check_Kurang_EveryRuleBroken_ReportsAllThree()
    {
        var report = DistributionCheck.Check(OrganisationResult.Kurang, Unit((SangatBaik, 5), (Baik, 5)));

        Assert.Equal(
            [(DistributionRuleCodes.MinShare, KurangMisconduct), (DistributionRuleCodes.MinShare, ButuhPerbaikan), (DistributionRuleCodes.MaxShare, SangatBaik)],
            report.Violations.Select(v => (v.RuleCode, Assert.Single(v.Subjects)!.Value)));
    }

    [Fact]
    public void Check_SangatKurang_AtBounds_IsSatisfied()
    {
        Assert.True(DistributionCheck.Check(OrganisationResult.SangatKurang,
            Unit((SangatKurang, 6), (KurangMisconduct, 1), (Baik, 3))).IsSatisfied);
        Assert.True(DistributionCheck.Check(OrganisationResult.SangatKurang,
            Unit((SangatKurang, 6), (ButuhPerbaikan, 1), (Baik, 3))).IsSatisfied);
    }

    [Fact]
    public void Check_SangatKurang_KurangAndButuhPerbaikanCountTogether()
    {
        var together = DistributionCheck.Check(OrganisationResult.SangatKurang,
            Unit((SangatKurang, 12), (KurangMisconduct, 1), (ButuhPerbaikan, 1), (Baik, 6)));
        var tooFew = DistributionCheck.Check(OrganisationResult.SangatKurang,
            Unit((SangatKurang, 14), (KurangMisconduct, 1), (Baik, 6)));

        Assert.True(together.IsSatisfied);
        var violation = Assert.Single(tooFew.Violations);
        Assert.Equal(DistributionRuleCodes.MinShare, violation.RuleCode);
        Assert.Equal([KurangMisconduct, ButuhPerbaikan], violation.Subjects);
        Assert.Equal(1m / 21m, violation.ActualShare);
    }

    [Fact]
    public void Check_SangatKurang_AnySangatBaik_ViolatesMustNotInclude()
    {
        var report = DistributionCheck.Check(OrganisationResult.SangatKurang,
            Unit((SangatKurang, 60), (ButuhPerbaikan, 39), (SangatBaik, 1)));

        var violation = Assert.Single(report.Violations);
        Assert.Equal(DistributionRuleCodes.MustNotInclude, violation.RuleCode);
        Assert.Equal([SangatBaik], violation.Subjects);
        Assert.Equal(0.01m, violation.ActualShare);
        Assert.Equal(0m, violation.LimitShare);
    }

    [Fact]
    public void Check_SingleEmployee_IsJudgedAsWholeShares()
    {
        Assert.True(DistributionCheck.Check(OrganisationResult.Kurang, Unit((KurangMisconduct, 1))).IsSatisfied is false);
        Assert.True(DistributionCheck.Check(OrganisationResult.SangatKurang, Unit((SangatKurang, 1))).IsSatisfied is false);
        Assert.True(DistributionCheck.Check(OrganisationResult.ButuhPerbaikan, Unit((ButuhPerbaikan, 1))).IsSatisfied);
    }

    [Fact]
    public void RulesFor_PinsTheTable()
    {
        string Describe(OrganisationResult r) => string.Join("; ", DistributionCheck.RulesFor(r)
            .Select(rule => $"{rule.RuleCode} {string.Join("+", rule.Subjects)} {rule.LimitShare}"));

        Assert.Equal("MaxShare SangatBaik 0.70", Describe(OrganisationResult.Istimewa));
        Assert.Equal("MaxShare Baik 0.70; MustInclude ButuhPerbaikan+KurangMisconduct 0", Describe(OrganisationResult.Baik));
        Assert.Equal("MinShare ButuhPerbaikan 0.60; MaxShare SangatBaik 0.10", Describe(OrganisationResult.ButuhPerbaikan));
        Assert.Equal("MinShare KurangMisconduct 0.60; MinShare ButuhPerbaikan 0.10; MaxShare SangatBaik 0.10", Describe(OrganisationResult.Kurang));
        Assert.Equal("MinShare SangatKurang 0.60; MinShare KurangMisconduct+ButuhPerbaikan 0.10; MustNotInclude SangatBaik 0", Describe(OrganisationResult.SangatKurang));
    }

    [Fact]
    public void Check_UndefinedValues_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DistributionCheck.Check((OrganisationResult)9, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => DistributionCheck.Check(OrganisationResult.Baik, [Baik, (Predikat)0]));
        Assert.Throws<ArgumentNullException>(() => DistributionCheck.Check(OrganisationResult.Baik, null!));
    }

    private static List<Predikat> Unit(params (Predikat Predikat, int Count)[] groups) =>
        [.. groups.SelectMany(g => Enumerable.Repeat(g.Predikat, g.Count))];
}

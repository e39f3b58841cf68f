using KinerjaBot.Domain;

namespace KinerjaBot.Tests.Domain.Ratings;

public class OrganisationResultTests
{
    [Theory]
    [InlineData(OrganisationResult.Istimewa, Rating.AboveExpectation)]
    [InlineData(OrganisationResult.Baik, Rating.MeetsExpectation)]
    [InlineData(OrganisationResult.ButuhPerbaikan, Rating.BelowExpectation)]
    [InlineData(OrganisationResult.Kurang, Rating.BelowExpectation)]
    [InlineData(OrganisationResult.SangatKurang, Rating.BelowExpectation)]
    public void HeadWorkResult_FollowsTheUnitsResult(OrganisationResult result, Rating expected) =>
        Assert.Equal(expected, OrganisationResults.HeadWorkResult(result));

    [Fact]
    public void HeadWorkResult_UndefinedResult_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OrganisationResults.HeadWorkResult((OrganisationResult)99));

    [Fact]
    public void PersonBound_AgreesWithTheCheck_ForEveryRuleAndUnitSizeUpTo60()
    {
        // The bound in persons is exactly the edge of what the check accepts: at the bound it is met,
        // one person past it (fewer for a minimum, more for a maximum) it is broken.
        foreach (var result in Enum.GetValues<OrganisationResult>())
        {
            foreach (var rule in DistributionCheck.RulesFor(result))
            {
                for (var total = 1; total <= 60; total++)
                {
                    var bound = rule.PersonBound(total);
                    Assert.InRange(bound, 0, total);
                    Assert.True(Met(rule, bound, total), $"{result} {rule.RuleCode} {total}: {bound} meets");
                    var past = rule.RuleCode is DistributionRuleCodes.MaxShare or DistributionRuleCodes.MustNotInclude ? bound + 1 : bound - 1;
                    if (past >= 0 && past <= total)
                    {
                        Assert.False(Met(rule, past, total), $"{result} {rule.RuleCode} {total}: {past} breaks");
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(3, 2, 1)]   // Baik, 3 people: at most 2 Baik (70% of 3 = 2.1), at least 1 Butuh Perbaikan/Kurang
    [InlineData(10, 7, 1)]
    public void PersonBound_Baik_InPersons(int total, int maxBaik, int minLow)
    {
        var rules = DistributionCheck.RulesFor(OrganisationResult.Baik);
        Assert.Equal(maxBaik, rules[0].PersonBound(total));
        Assert.Equal(minLow, rules[1].PersonBound(total));
    }

    [Fact]
    public void PersonBound_Kurang_RoundsMinimaUp()
    {
        var rules = DistributionCheck.RulesFor(OrganisationResult.Kurang);
        Assert.Equal([2, 1, 0], rules.Select(r => r.PersonBound(3)));
    }

    [Fact]
    public void PersonBound_NegativeTotal_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DistributionCheck.RulesFor(OrganisationResult.Baik)[0].PersonBound(-1));

    private static bool Met(DistributionRule rule, int subjects, int total)
    {
        var first = rule.Subjects[0];
        var others = rule.Subjects.Contains(Predikat.Baik) ? Predikat.SangatKurang : Predikat.Baik;
        var unit = Enumerable.Repeat(first, subjects).Concat(Enumerable.Repeat(others, total - subjects)).ToList();
        return !DistributionCheck.Check(
            OrganisationResultOf(rule), unit).Violations.Any(v => v.RuleCode == rule.RuleCode && v.Subjects.SequenceEqual(rule.Subjects.Select(p => (Predikat?)p)));
    }

    private static OrganisationResult OrganisationResultOf(DistributionRule rule) =>
        Enum.GetValues<OrganisationResult>().First(r => DistributionCheck.RulesFor(r).Contains(rule));
}

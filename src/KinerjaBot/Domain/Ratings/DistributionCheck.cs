namespace KinerjaBot.Domain;

/// <summary>Checks employee predikat against the pola distribusi set by the organisation result (DOMAIN.md §2).</summary>
public static class DistributionCheck
{
    private static readonly Dictionary<OrganisationResult, IReadOnlyList<DistributionRule>> RuleTable = new()
    {
        [OrganisationResult.Istimewa] =
        [
            Max(0.70m, Predikat.SangatBaik),
        ],
        [OrganisationResult.Baik] =
        [
            Max(0.70m, Predikat.Baik),
            new(DistributionRuleCodes.MustInclude, [Predikat.ButuhPerbaikan, Predikat.KurangMisconduct], 0m),
        ],
        [OrganisationResult.ButuhPerbaikan] =
        [
            Min(0.60m, Predikat.ButuhPerbaikan),
            Max(0.10m, Predikat.SangatBaik),
        ],
        [OrganisationResult.Kurang] =
        [
            Min(0.60m, Predikat.KurangMisconduct),
            Min(0.10m, Predikat.ButuhPerbaikan),
            Max(0.10m, Predikat.SangatBaik),
        ],
        [OrganisationResult.SangatKurang] =
        [
            Min(0.60m, Predikat.SangatKurang),
            Min(0.10m, Predikat.KurangMisconduct, Predikat.ButuhPerbaikan),
            new(DistributionRuleCodes.MustNotInclude, [Predikat.SangatBaik], 0m),
        ],
    };

    /// <summary>The rules that apply to a unit with the given result, in the order of DOMAIN.md §2.</summary>
    public static IReadOnlyList<DistributionRule> RulesFor(OrganisationResult result)
    {
        EnumGuard.EnsureDefined(result);
        return RuleTable[result];
    }

    /// <summary>Checks the predikat of every employee of one unit.</summary>
    /// <remarks>An empty unit has nothing to distribute and is satisfied.</remarks>
    public static DistributionReport Check(OrganisationResult result, IReadOnlyCollection<Predikat> predikats)
    {
        ArgumentNullException.ThrowIfNull(predikats);
        var rules = RulesFor(result);

        var counts = new Dictionary<Predikat, int>();
        foreach (var predikat in predikats)
        {
            EnumGuard.EnsureDefined(predikat, nameof(predikats));
            counts[predikat] = counts.GetValueOrDefault(predikat) + 1;
        }

        var total = predikats.Count;
        var violations = new List<DistributionViolation>();
        if (total > 0)
        {
            foreach (var rule in rules)
            {
                var subjectCount = rule.Subjects.Sum(counts.GetValueOrDefault);
                if (!rule.IsMetBy(subjectCount, total))
                {
                    violations.Add(new DistributionViolation(
                        rule.RuleCode,
                        [.. rule.Subjects.Select(p => (Predikat?)p)],
                        (decimal)subjectCount / total,
                        rule.LimitShare));
                }
            }
        }

        return new DistributionReport(result, total, violations);
    }

    private static DistributionRule Max(decimal share, params ReadOnlySpan<Predikat> subjects) =>
        new(DistributionRuleCodes.MaxShare, [.. subjects], share);

    private static DistributionRule Min(decimal share, params ReadOnlySpan<Predikat> subjects) =>
        new(DistributionRuleCodes.MinShare, [.. subjects], share);
}

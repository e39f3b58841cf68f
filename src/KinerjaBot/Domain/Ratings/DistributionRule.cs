namespace KinerjaBot.Domain;

/// <summary>Stable codes of distribution rules, for the UI to localize.</summary>
public static class DistributionRuleCodes
{
    /// <summary>The share of the subjects must not exceed the limit.</summary>
    public const string MaxShare = "MaxShare";

    /// <summary>The share of the subjects must reach the limit.</summary>
    public const string MinShare = "MinShare";

    /// <summary>At least one employee must hold one of the subjects; the limit is 0.</summary>
    public const string MustInclude = "MustInclude";

    /// <summary>No employee may hold any of the subjects; the limit is 0.</summary>
    public const string MustNotInclude = "MustNotInclude";
}

/// <summary>One line of the pola distribusi: a bound on the combined share of some predikat.</summary>
/// <param name="RuleCode">One of <see cref="DistributionRuleCodes"/>.</param>
/// <param name="Subjects">The predikat whose counts are added together.</param>
/// <param name="LimitShare">The bound as a fraction of the unit (0.70 = 70%).</param>
public sealed record DistributionRule(string RuleCode, IReadOnlyList<Predikat> Subjects, decimal LimitShare)
{
    internal bool IsMetBy(int subjectCount, int total) => RuleCode switch
    {
        // Compare counts against limit × total: decimal multiplication by an integer is exact,
        // so 7 of 10 meets "≤ 70%" without any rounding of 7/10.
        DistributionRuleCodes.MaxShare => subjectCount <= LimitShare * total,
        DistributionRuleCodes.MinShare => subjectCount >= LimitShare * total,
        DistributionRuleCodes.MustInclude => subjectCount > 0,
        DistributionRuleCodes.MustNotInclude => subjectCount == 0,
        _ => throw new InvalidOperationException($"Unknown distribution rule code '{RuleCode}'."),
    };

    /// <summary>
    /// The rule in persons for a unit of <paramref name="total"/>: the most (MaxShare, MustNotInclude) or
    /// the fewest (MinShare, MustInclude) employees who may or must hold the subjects. People cannot be
    /// split, so a maximum rounds down and a minimum rounds up; the result agrees with <see cref="IsMetBy"/>.
    /// </summary>
    public int PersonBound(int total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        return RuleCode switch
        {
            DistributionRuleCodes.MaxShare => (int)Math.Floor(LimitShare * total),
            DistributionRuleCodes.MinShare => (int)Math.Ceiling(LimitShare * total),
            DistributionRuleCodes.MustInclude => total == 0 ? 0 : 1,
            DistributionRuleCodes.MustNotInclude => 0,
            _ => throw new InvalidOperationException($"Unknown distribution rule code '{RuleCode}'."),
        };
    }
}

/// <summary>A broken distribution rule.</summary>
/// <param name="RuleCode">One of <see cref="DistributionRuleCodes"/>.</param>
/// <param name="Subjects">The predikat the rule counts together.</param>
/// <param name="ActualShare">The subjects' share of the unit, exact (count / total).</param>
/// <param name="LimitShare">The rule's bound as a fraction of the unit.</param>
public sealed record DistributionViolation(string RuleCode, Predikat?[] Subjects, decimal ActualShare, decimal LimitShare);

/// <summary>The outcome of checking a unit's predikat against its organisation result.</summary>
public sealed record DistributionReport(OrganisationResult Result, int Total, IReadOnlyList<DistributionViolation> Violations)
{
    public bool IsSatisfied => Violations.Count == 0;
}

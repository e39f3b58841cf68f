namespace KinerjaBot.Domain;

/// <summary>Capaian kinerja organisasi: the unit's result, which sets the allowed spread of employee predikat.</summary>
public enum OrganisationResult
{
    Istimewa,
    Baik,
    ButuhPerbaikan,
    Kurang,
    SangatKurang,
}

/// <summary>What follows from an organisation result besides the pola distribusi (DOMAIN.md §2).</summary>
public static class OrganisationResults
{
    /// <summary>
    /// The rating hasil kerja of the unit's head, which follows the unit's result: Istimewa is above
    /// expectation, Baik meets it, and the three lower results are below it. The regulation's annex states
    /// the head's rating "equals" the unit's result; this mapping of five results onto three ratings is our
    /// reading of it, so the rater is only offered it as a proposal and may choose otherwise.
    /// </summary>
    public static Rating HeadWorkResult(OrganisationResult result) => result switch
    {
        OrganisationResult.Istimewa => Rating.AboveExpectation,
        OrganisationResult.Baik => Rating.MeetsExpectation,
        OrganisationResult.ButuhPerbaikan or OrganisationResult.Kurang or OrganisationResult.SangatKurang => Rating.BelowExpectation,
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, $"{result} is not a defined OrganisationResult."),
    };
}

namespace KinerjaBot.Features.Appraisal;

/// <summary>Section <c>Appraisal</c>.</summary>
public sealed class AppraisalOptions
{
    /// <summary>
    /// When true, a head of unit cannot finalise (tetapkan) an appraisal of their unit while the unit's
    /// predikat break the pola distribusi of the stored organisation result, or while none is stored.
    /// Default false: finalising goes ahead with a warning that names the broken rules in persons.
    /// </summary>
    public bool RefuseFinaliseWhileDistributionBroken { get; set; }
}

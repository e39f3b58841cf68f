using KinerjaBot.Domain;
using KinerjaBot.Localization;

namespace KinerjaBot.Features.Appraisal;

/// <summary>An indicator's target and its approved realisation in the period and the year so far.</summary>
public sealed record AppraisalIndicator(string Text, string Unit, decimal Target, decimal InPeriod, decimal YearToDate, IndicatorMeasure Measure = default, decimal? Achievement = null);

/// <summary>One RHK of the appraisal with progress, the employee's own note and the feedback on it.</summary>
public sealed record AppraisalRhk(int RhkId, string Text, IReadOnlyList<AppraisalIndicator> Indicators, string? SelfNote, IReadOnlyList<string> Feedback);

/// <summary>One BerAKHLAK value with the employee's note, the rater's note and the feedback on it.</summary>
public sealed record AppraisalValue(BerAkhlakValue Value, string? SelfNote, string? RaterNote, IReadOnlyList<string> Feedback);

/// <summary>Feedback the employee received in the period.</summary>
public sealed record AppraisalFeedback(string FromName, string Text, DateOnly Date);

/// <summary>
/// Everything the appraisal cards show for one employee and period: the latest revision (or none yet,
/// <see cref="Id"/> 0), progress vs target, the self-assessment and the feedback.
/// </summary>
public sealed record AppraisalView(
    int Id, int Version, int Revision, AppraisalStatus Status, PerformancePeriod Period,
    int EmployeeId, string EmployeeName, string EmployeeNip, string PositionName, PositionType PositionType, decimal? CreditCoefficient,
    int? RaterId, string? RaterName,
    Rating? WorkResult, Rating? Behaviour, Predikat? Predikat,
    string? SelfSummary, string? RaterNote, string? ObjectionReason, DateTimeOffset? FinalizedAt, DateTimeOffset? AcknowledgedAt,
    IReadOnlyList<AppraisalRhk> Rhks, IReadOnlyList<AppraisalValue> Values, IReadOnlyList<AppraisalFeedback> Feedback)
{
    public bool Exists => Id != 0;

    /// <summary>For a head of unit: the organisation result that applies to the unit they head, if one is stored.</summary>
    public AppliedOrganisationResult? UnitResult { get; init; }

    /// <summary>The rating hasil kerja proposed to the rater: a unit head's follows the unit's result.</summary>
    public Rating? ProposedWorkResult => UnitResult is { } r ? OrganisationResults.HeadWorkResult(r.Result) : null;

    public bool IsFinal => Status is AppraisalStatus.Finalized or AppraisalStatus.Acknowledged or AppraisalStatus.Objected;

    public string Subject => AppraisalService.SubjectFor(EmployeeId, Period);

    /// <summary>Angka kredit of the period for jabatan fungsional with a coefficient, once a predikat exists.</summary>
    public decimal? AngkaKreditValue => PositionType == PositionType.Fungsional && CreditCoefficient is > 0 && Predikat is { } p
        ? AngkaKredit.For(p, CreditCoefficient.Value, Period.MonthCount)
        : null;
}

/// <summary>A team member's line on the appraisal overview.</summary>
public sealed record AppraisalTeamRow(int EmployeeId, string Name, AppraisalStatus? Status, Predikat? Predikat);

using KinerjaBot.Domain;

namespace KinerjaBot.Features.Reports;

public enum OverdueKind
{
    /// <summary>Nothing logged for last month after its realisation deadline (Reminders:MonthlyRealisation).</summary>
    MonthlyRealisation,

    /// <summary>A feedback request to the member past its due date.</summary>
    FeedbackAnswer,

    /// <summary>The member's appraisal of the last quarter (or year) not final after its deadline: the rater's to do.</summary>
    Appraisal,
}

public sealed record OverdueLine(OverdueKind Kind, PerformancePeriod? Period, string? Counterpart, DateOnly Due);

/// <summary>
/// A member on the team card: what they logged this month, what waits for the rater, what is late, and the
/// year's completion from approved reports (the unit overview's figure, see <see cref="PersonCompletion"/>).
/// </summary>
public sealed record TeamMemberReport(
    int EmployeeId, string Name, int EntriesThisMonth, IReadOnlyList<string> IndicatorsThisMonth, int Pending, DateOnly? LastReport, IReadOnlyList<OverdueLine> Overdue,
    decimal? CompletionPercent = null);

public sealed record TeamReport(string Address, DateOnly Today, IReadOnlyList<TeamMemberReport> Members)
{
    public int Pending => Members.Sum(m => m.Pending);
}

/// <summary>One person in a unit overview: share of the year's targets approved (mean over their indicators, each capped at 100 %).</summary>
public sealed record PersonCompletion(string Name, string UnitName, decimal? CompletionPercent, int EntriesThisMonth);

public sealed record SubUnitSummary(string Name, int Employees, int ReportedThisMonth, int WithSkp, decimal? CompletionPercent);

public sealed record UnitOverview(
    string UnitName, DateOnly Today, PerformancePeriod Period, IReadOnlyList<SubUnitSummary> Units, IReadOnlyList<PersonCompletion> People, int PeopleTotal,
    IReadOnlyDictionary<Predikat, int> Distribution, int NotRated);

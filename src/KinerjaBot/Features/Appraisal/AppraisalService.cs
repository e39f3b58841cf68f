using System.Globalization;
using KinerjaBot.Conversation;
using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using KinerjaBot.Domain;
using KinerjaBot.Features.Progress;
using KinerjaBot.Localization;
using KinerjaBot.Protocol.Cards;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Features.Appraisal;

/// <summary>Reading appraisals with their context, who may do what to them, and keeping every card current.</summary>
public sealed class AppraisalService(KinerjaDbContext db, ProgressService progress, OrganisationResultService organisationResults)
{
    public const int MaxSelfNote = 1500;
    public const int MaxSummary = 2000;
    public const int MaxRaterNote = 2000;
    public const int MaxValueNote = 300;

    public static string SubjectFor(int employeeId, PerformancePeriod period) =>
        string.Create(CultureInfo.InvariantCulture, $"appraisal:{employeeId}:{period.Code}");

    /// <summary>
    /// The period appraised by default: the quarter that ended last, except that after the fourth quarter it is
    /// the annual appraisal of that year (the annex's "IV-AKHIR"), as reminders and the overdue report have it.
    /// </summary>
    public static PerformancePeriod DefaultPeriod(DateOnly today)
    {
        var quarter = PerformancePeriod.Containing(today, PeriodKind.Quarter).Previous();
        return quarter.Number == 4 ? PerformancePeriod.ForYear(quarter.Year) : quarter;
    }

    /// <summary>Triwulan IV is not appraised on its own: the annual appraisal covers it.</summary>
    public static bool IsQuarterFour(PerformancePeriod period) => period is { Kind: PeriodKind.Quarter, Number: 4 };

    /// <summary>A period can be appraised from the first day of its last month (ratings are due right after it ends).</summary>
    public static bool IsOpen(PerformancePeriod period, DateOnly today) =>
        period.Kind is PeriodKind.Quarter or PeriodKind.Year && today >= new DateOnly(period.End.Year, period.End.Month, 1);

    public Task<int?> EffectiveRaterAsync(int employeeId, DateOnly today, CancellationToken ct) => progress.EffectiveRaterAsync(employeeId, today, ct);

    /// <summary>Atasan pejabat penilai: whoever (acting) rates the rater; they decide objections and corrections.</summary>
    public async Task<int?> RaterSupervisorAsync(AppraisalView view, DateOnly today, CancellationToken ct) =>
        view.RaterId is { } raterId ? await EffectiveRaterAsync(raterId, today, ct) : null;

    /// <summary>Employees this person rates today: their own staff and the staff of anyone they act for.</summary>
    public async Task<List<Employee>> TeamAsync(int raterId, DateOnly today, CancellationToken ct)
    {
        var actingFor = await db.ActingAssignments.AsNoTracking().Where(a => a.ActingEmployeeId == raterId && a.From <= today && a.To >= today)
            .Select(a => a.SupervisorId).ToListAsync(ct);
        var candidates = await db.Employees.AsNoTracking()
            .Where(e => e.IsActive && e.RaterId != null && (e.RaterId == raterId || actingFor.Contains(e.RaterId.Value)))
            .OrderBy(e => e.Name).ToListAsync(ct);
        var team = new List<Employee>();
        foreach (var e in candidates)
        {
            if (await EffectiveRaterAsync(e.Id, today, ct) == raterId)
            {
                team.Add(e);
            }
        }

        return team;
    }

    /// <summary>The latest revision, tracked, for changing it.</summary>
    public Task<Data.Model.Appraisal?> LatestAsync(int employeeId, PerformancePeriod period, CancellationToken ct) =>
        db.Appraisals.Include(a => a.Notes).Where(a => a.EmployeeId == employeeId && a.PeriodCode == period.Code)
            .OrderByDescending(a => a.Revision).FirstOrDefaultAsync(ct);

    public async Task<AppraisalView?> ViewAsync(int employeeId, PerformancePeriod period, CancellationToken ct)
    {
        var employee = await db.Employees.AsNoTracking().FirstOrDefaultAsync(e => e.Id == employeeId, ct);
        if (employee is null)
        {
            return null;
        }

        var appraisal = await db.Appraisals.AsNoTracking().Include(a => a.Notes)
            .Where(a => a.EmployeeId == employeeId && a.PeriodCode == period.Code).OrderByDescending(a => a.Revision).FirstOrDefaultAsync(ct);
        var raterId = appraisal?.RaterId ?? employee.RaterId;
        var raterName = raterId is null ? null : await db.Employees.Where(e => e.Id == raterId).Select(e => e.Name).FirstOrDefaultAsync(ct);

        var yearStart = new DateOnly(period.Year, 1, 1);
        var rhks = await db.Rhks.AsNoTracking().Where(r => r.Skp!.EmployeeId == employeeId && r.Skp.Year == period.Year)
            .OrderBy(r => r.Kind).ThenBy(r => r.Order)
            .Select(r => new { r.Id, r.Text, Indicators = r.Indicators.OrderBy(i => i.Order).Select(i => new { i.Id, i.Text, i.Unit, i.Target, i.Combination, i.Direction }).ToList() })
            .ToListAsync(ct);
        var entries = await db.ProgressEntries.AsNoTracking()
            .Where(p => p.EmployeeId == employeeId && p.Status == ProgressStatus.Approved && p.Date >= yearStart && p.Date <= period.End)
            .OrderBy(p => p.Id).Select(p => new { p.IndicatorId, p.Date, p.Value }).ToListAsync(ct);

        // Feedback received in the period (dates in WIB are close enough for a quarter's boundary).
        var from = new DateTimeOffset(period.Start.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7));
        var to = new DateTimeOffset(period.End.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7));
        var notes = (await db.FeedbackNotes.AsNoTracking().Where(n => n.ToId == employeeId)
                .Select(n => new { n.FromId, n.RhkId, n.ProgressEntryId, n.Behaviour, n.Text, n.CreatedAt }).ToListAsync(ct))
            .Where(n => n.CreatedAt >= from && n.CreatedAt < to).OrderByDescending(n => n.CreatedAt).ToList();
        var fromIds = notes.Select(n => n.FromId).Distinct().ToList();
        var names = await db.Employees.AsNoTracking().Where(e => fromIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var entryIds = notes.Where(n => n.ProgressEntryId != null).Select(n => n.ProgressEntryId!.Value).ToList();
        var entryRhk = await db.ProgressEntries.AsNoTracking().Where(p => entryIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Indicator!.RhkId, ct);
        string Line(int fromId, string text) => $"{names.GetValueOrDefault(fromId, "?")}: {text}";

        var rhkViews = rhks.Select(r => new AppraisalRhk(
            r.Id, r.Text,
            r.Indicators.Select(i => Indicator(i.Text, i.Unit, i.Target, new IndicatorMeasure(i.Combination, i.Direction),
                entries.Where(e => e.IndicatorId == i.Id).Select(e => (e.Date, e.Value)).ToList(), period)).ToList(),
            appraisal?.Notes.FirstOrDefault(n => n.RhkId == r.Id)?.SelfNote,
            notes.Where(n => n.RhkId == r.Id || (n.ProgressEntryId is { } pe && entryRhk.GetValueOrDefault(pe) == r.Id)).Select(n => Line(n.FromId, n.Text)).ToList())).ToList();
        var values = BerAkhlak.All.Select(v => new AppraisalValue(v,
            appraisal?.Notes.FirstOrDefault(n => n.Behaviour == v)?.SelfNote,
            appraisal?.Notes.FirstOrDefault(n => n.Behaviour == v)?.RaterNote,
            notes.Where(n => n.Behaviour == v).Select(n => Line(n.FromId, n.Text)).ToList())).ToList();
        var feedback = notes.Select(n => new AppraisalFeedback(names.GetValueOrDefault(n.FromId, "?"), n.Text,
            DateOnly.FromDateTime(n.CreatedAt.ToOffset(TimeSpan.FromHours(7)).DateTime))).ToList();

        // A unit head's rating hasil kerja follows their unit's result: the rater is offered it as the proposal.
        var headedUnit = await db.Units.AsNoTracking().Where(u => u.HeadEmployeeId == employeeId).OrderBy(u => u.Id).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
        var unitResult = headedUnit is { } unitId ? await organisationResults.ApplyingToAsync(unitId, period, ct) : null;

        return new AppraisalView(
            appraisal?.Id ?? 0, appraisal?.Version ?? 0, appraisal?.Revision ?? 0, appraisal?.Status ?? AppraisalStatus.Draft, period,
            employee.Id, employee.Name, employee.Nip, employee.PositionName, employee.PositionType, employee.CreditCoefficient,
            raterId, raterName, appraisal?.WorkResultRating, appraisal?.BehaviourRating, appraisal?.Predikat,
            appraisal?.SelfSummary, appraisal?.RaterNote, appraisal?.ObjectionReason, appraisal?.FinalizedAt, appraisal?.AcknowledgedAt,
            rhkViews, values, feedback) { UnitResult = unitResult };
    }

    /// <summary>An indicator on the appraisal: approved realisation in the period and in the year so far, with the year's achievement.</summary>
    private static AppraisalIndicator Indicator(string text, string unit, decimal target, IndicatorMeasure measure, List<(DateOnly Date, decimal Value)> approved, PerformancePeriod period)
    {
        var year = Realisation.Figures(measure, target, approved.Select(e => (e.Date, e.Value, true)));
        return new AppraisalIndicator(text, unit, target, Realisation.Of(measure.Combination, approved.Where(e => period.Contains(e.Date))), year.Approved, measure, year.Achievement);
    }

    /// <summary>What the viewer may do with the appraisal right now, decided on the server from who they are.</summary>
    public async Task<AppraisalRole> RoleOfAsync(int viewerId, AppraisalView view, DateOnly today, CancellationToken ct)
    {
        if (viewerId == view.EmployeeId)
        {
            return AppraisalRole.Employee;
        }

        // Before finalization the current (acting) rater rates; afterwards the rater of record answers for it.
        var rater = view.IsFinal ? view.RaterId : await EffectiveRaterAsync(view.EmployeeId, today, ct);
        if (viewerId == rater)
        {
            return AppraisalRole.Rater;
        }

        return view.IsFinal && await RaterSupervisorAsync(view, today, ct) == viewerId ? AppraisalRole.RaterSupervisor : AppraisalRole.Other;
    }

    public async Task<AdaptiveCard> CardForAsync(int viewerId, AppraisalView view, Texts t, DateOnly today, CancellationToken ct)
    {
        var refresh = await RefreshIdsAsync(view, today, ct);
        return await RoleOfAsync(viewerId, view, today, ct) switch
        {
            AppraisalRole.Employee => AppraisalCards.ForEmployee(t, view, refresh),
            AppraisalRole.Rater => AppraisalCards.ForRater(t, view, refresh),
            AppraisalRole.RaterSupervisor => AppraisalCards.ForRaterSupervisor(t, view, refresh),
            _ => AppraisalCards.ReadOnly(t, view, refresh),
        };
    }

    private async Task<List<string>> RefreshIdsAsync(AppraisalView view, DateOnly today, CancellationToken ct)
    {
        var ids = new List<int> { view.EmployeeId };
        if (await EffectiveRaterAsync(view.EmployeeId, today, ct) is { } rater)
        {
            ids.Add(rater);
        }

        if (view.RaterId is { } recorded)
        {
            ids.Add(recorded);
        }

        if (view.IsFinal && await RaterSupervisorAsync(view, today, ct) is { } supervisor)
        {
            ids.Add(supervisor);
        }

        return await CardCopies.UserIdsAsync(db, ids, ct);
    }

    public async Task UpdateOtherCardsAsync(Turn turn, AppraisalView view) =>
        await CardCopies.UpdateOthersAsync(turn, view.Subject, (viewer, t) => CardForAsync(viewer, view, t, turn.Today, turn.Cancellation), "appraisal.card-update");

    /// <summary>Sends an employee their card for the appraisal, recorded for later updates; key makes it once per event.</summary>
    public async Task<bool> SendCardAsync(Turn turn, AppraisalView view, int employeeId, string purpose, string keySuffix)
    {
        var to = await CardCopies.RecipientAsync(db, employeeId, turn.Cancellation);
        var card = await CardForAsync(employeeId, view, to.T, turn.Today, turn.Cancellation);
        return CardCopies.Send(turn, to, card, to.T.Format("Appraisal.Summary", view.EmployeeName, to.T.Period(view.Period)), purpose,
            $"{purpose}:{view.EmployeeId}:{view.Period.Code}:{keySuffix}:{employeeId}", view.Subject);
    }

    /// <summary>Units headed by the employee, with all their sub-units.</summary>
    public async Task<List<OrgUnit>> HeadedUnitsAsync(int employeeId, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().ToListAsync(ct);
        var result = units.Where(u => u.HeadEmployeeId == employeeId).ToList();
        for (var i = 0; i < result.Count; i++)
        {
            result.AddRange(units.Where(u => u.ParentId == result[i].Id && result.All(r => r.Id != u.Id)));
        }

        return result;
    }

    /// <summary>The latest predikat of every employee (except the head) in the head's units for the period.</summary>
    public async Task<List<AppraisalTeamRow>> UnitMembersAsync(int headId, PerformancePeriod period, CancellationToken ct)
    {
        var unitIds = (await HeadedUnitsAsync(headId, ct)).Select(u => u.Id).ToList();
        // External raters (the Kepala Daerah) are no ASN of the unit: they hold no predikat to distribute.
        var members = await db.Employees.AsNoTracking().Where(e => e.IsActive && !e.IsExternal && unitIds.Contains(e.UnitId) && e.Id != headId)
            .OrderBy(e => e.Name).Select(e => new { e.Id, e.Name }).ToListAsync(ct);
        var ids = members.Select(m => m.Id).ToList();
        var appraisals = await db.Appraisals.AsNoTracking().Where(a => ids.Contains(a.EmployeeId) && a.PeriodCode == period.Code)
            .Select(a => new { a.EmployeeId, a.Revision, a.Status, a.Predikat }).ToListAsync(ct);
        return members.Select(m =>
        {
            var latest = appraisals.Where(a => a.EmployeeId == m.Id).OrderByDescending(a => a.Revision).FirstOrDefault();
            return new AppraisalTeamRow(m.Id, m.Name, latest?.Status, latest?.Predikat);
        }).ToList();
    }

    /// <summary>
    /// The distribution of the units <paramref name="headId"/> heads for the period, checked against the stored
    /// organisation result that applies to them; null when they head no unit, no report when none is stored.
    /// </summary>
    public async Task<UnitDistribution?> DistributionOfAsync(int headId, PerformancePeriod period, CancellationToken ct)
    {
        var headed = await HeadedUnitsAsync(headId, ct);
        if (headed.Count == 0)
        {
            return null;
        }

        var members = await UnitMembersAsync(headId, period, ct);
        var applied = await organisationResults.ApplyingToAsync(headed[0].Id, period, ct);
        var report = applied is null ? null : DistributionCheck.Check(applied.Result, members.Where(m => m.Predikat is not null).Select(m => m.Predikat!.Value).ToList());
        var pimpinan = applied is null ? await organisationResults.PimpinanNameAsync(headed[0].Id, ct) : null;
        return new UnitDistribution(headed[0].Name, applied, pimpinan, report, members);
    }

    public async Task<List<AppraisalTeamRow>> TeamRowsAsync(int raterId, PerformancePeriod period, DateOnly today, CancellationToken ct)
    {
        var team = await TeamAsync(raterId, today, ct);
        var ids = team.Select(e => e.Id).ToList();
        var appraisals = await db.Appraisals.AsNoTracking().Where(a => ids.Contains(a.EmployeeId) && a.PeriodCode == period.Code)
            .Select(a => new { a.EmployeeId, a.Revision, a.Status, a.Predikat }).ToListAsync(ct);
        return team.Select(e =>
        {
            var latest = appraisals.Where(a => a.EmployeeId == e.Id).OrderByDescending(a => a.Revision).FirstOrDefault();
            return new AppraisalTeamRow(e.Id, e.Name, latest?.Status, latest?.Predikat);
        }).ToList();
    }
}

/// <summary>A head of unit's distribution: the result that applies (or who must set it) and the check against it.</summary>
public sealed record UnitDistribution(string UnitName, AppliedOrganisationResult? Applied, string? Pimpinan, DistributionReport? Report, IReadOnlyList<AppraisalTeamRow> Members);

/// <summary>How a viewer relates to an appraisal.</summary>
public enum AppraisalRole
{
    Other,
    Employee,
    Rater,
    RaterSupervisor,
}

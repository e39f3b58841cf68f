using KinerjaBot.Data.Model;
using KinerjaBot.Domain;

namespace KinerjaBot.Features.Progress;

/// <summary>An indicator with its target and what was reported against it this year.</summary>
public sealed record IndicatorProgress(
    int IndicatorId, string IndicatorText, string Unit, decimal Target, string RhkText, RhkKind RhkKind,
    IndicatorMeasure Measure, RealisationFigures Figures, decimal ThisMonth)
{
    public decimal Approved => Figures.Approved;

    public decimal Pending => Figures.Pending;
}

/// <summary>A progress entry with everything its cards show.</summary>
public sealed record EntryView(
    int Id, int Version, ProgressStatus Status, DateOnly Date, decimal Value, string? Note, string? Evidence,
    string? ReviewNote, int EmployeeId, string EmployeeName, string EmployeeNip,
    int IndicatorId, string IndicatorText, string Unit, decimal Target, IndicatorMeasure Measure, RealisationFigures SoFar, string? ReviewerName);

/// <summary>What a form shows again after a refused submit, so nothing the user typed is lost.</summary>
public sealed record ProgressFormInput(string? IndicatorId, string? Value, string? Date, string? Note, string? Evidence);

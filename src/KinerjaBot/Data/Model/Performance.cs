using KinerjaBot.Domain;

namespace KinerjaBot.Data.Model;

/// <summary>Sasaran Kinerja Pegawai: an employee's plan for one year.</summary>
public sealed class Skp : IVersioned
{
    public int Id { get; set; }
    public int EmployeeId { get; set; }
    public Employee? Employee { get; set; }
    public int Year { get; set; }
    public SkpStatus Status { get; set; }
    public int? RaterId { get; set; }
    public string? ReturnNote { get; set; }
    public List<Rhk> Rhks { get; set; } = [];
    public int Version { get; set; }
}

public enum RhkKind
{
    Utama,
    Tambahan,
}

/// <summary>Rencana Hasil Kerja: a planned work result, optionally supporting the rater's RHK (intervensi).</summary>
public sealed class Rhk
{
    public int Id { get; set; }
    public int SkpId { get; set; }
    public Skp? Skp { get; set; }
    public RhkKind Kind { get; set; }
    public required string Text { get; set; }
    public int? ParentRhkId { get; set; }
    public Rhk? ParentRhk { get; set; }
    public int Order { get; set; }
    public List<Indicator> Indicators { get; set; } = [];
}

/// <summary>Indikator Kinerja Individu with its annual target.</summary>
public sealed class Indicator
{
    public int Id { get; set; }
    public int RhkId { get; set; }
    public Rhk? Rhk { get; set; }
    public required string Text { get; set; }
    public IndicatorAspect Aspect { get; set; }
    public decimal Target { get; set; }
    public required string Unit { get; set; }

    /// <summary>How the reports make up the realisation; set at import, by default from <see cref="Aspect"/> and <see cref="Unit"/>.</summary>
    public ReportCombination Combination { get; set; }

    /// <summary>Whether a realisation above or below the target is the better one.</summary>
    public IndicatorDirection Direction { get; set; }

    public int Order { get; set; }
}

/// <summary>Realisasi: progress reported against one indicator, reviewed by the rater.</summary>
public sealed class ProgressEntry : IVersioned
{
    public int Id { get; set; }
    public int IndicatorId { get; set; }
    public Indicator? Indicator { get; set; }
    public int EmployeeId { get; set; }
    public Employee? Employee { get; set; }
    public DateOnly Date { get; set; }
    public decimal Value { get; set; }
    public string? Note { get; set; }

    /// <summary>Bukti dukung: links separated by newlines.</summary>
    public string? Evidence { get; set; }
    public ProgressStatus Status { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public int? ReviewedById { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewNote { get; set; }
    public int Version { get; set; }
}

/// <summary>An ask for umpan balik, answered or declined by the recipient.</summary>
public sealed class FeedbackRequest : IVersioned
{
    public int Id { get; set; }
    public int RequesterId { get; set; }
    public int RecipientId { get; set; }
    public int? RhkId { get; set; }
    public int? ProgressEntryId { get; set; }
    public BerAkhlakValue? Behaviour { get; set; }
    public string? Question { get; set; }
    public DateOnly? DueDate { get; set; }
    public FeedbackRequestStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? DeclineReason { get; set; }
    public int Version { get; set; }
}

/// <summary>Umpan balik given, on request or unprompted.</summary>
public sealed class FeedbackNote
{
    public int Id { get; set; }
    public int FromId { get; set; }
    public int ToId { get; set; }
    public int? RequestId { get; set; }
    public int? RhkId { get; set; }
    public int? ProgressEntryId { get; set; }
    public BerAkhlakValue? Behaviour { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A periodic (quarterly) or annual appraisal. Finalized revisions are never changed; a correction is a new revision.</summary>
public sealed class Appraisal : IVersioned
{
    public int Id { get; set; }
    public int EmployeeId { get; set; }
    public int RaterId { get; set; }

    /// <summary><see cref="PerformancePeriod.Code"/>, e.g. "2026-Q3" or "2026".</summary>
    public required string PeriodCode { get; set; }
    public int Revision { get; set; } = 1;
    public AppraisalStatus Status { get; set; }
    public Rating? WorkResultRating { get; set; }
    public Rating? BehaviourRating { get; set; }
    public Predikat? Predikat { get; set; }
    public string? SelfSummary { get; set; }
    public string? RaterNote { get; set; }
    public string? ObjectionReason { get; set; }
    public DateTimeOffset? FinalizedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public List<AppraisalNote> Notes { get; set; } = [];
    public int Version { get; set; }
}

/// <summary>A note on one RHK or one BerAKHLAK value, by the employee (self) or the rater.</summary>
public sealed class AppraisalNote
{
    public int Id { get; set; }
    public int AppraisalId { get; set; }
    public int? RhkId { get; set; }
    public BerAkhlakValue? Behaviour { get; set; }
    public string? SelfNote { get; set; }
    public string? RaterNote { get; set; }
}

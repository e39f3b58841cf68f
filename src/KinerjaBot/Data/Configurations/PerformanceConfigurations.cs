using KinerjaBot.Data.Model;
using KinerjaBot.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KinerjaBot.Data.Configurations;

internal sealed class SkpConfiguration : IEntityTypeConfiguration<Skp>
{
    public void Configure(EntityTypeBuilder<Skp> b)
    {
        b.ToTable("skps");
        b.Property(s => s.ReturnNote).HasMaxLength(2000);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasIndex(s => new { s.EmployeeId, s.Year }).IsUnique();
        b.HasOne(s => s.Employee).WithMany().HasForeignKey(s => s.EmployeeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Employee>().WithMany().HasForeignKey(s => s.RaterId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Rhks).WithOne(r => r.Skp).HasForeignKey(r => r.SkpId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RhkConfiguration : IEntityTypeConfiguration<Rhk>
{
    public void Configure(EntityTypeBuilder<Rhk> b)
    {
        b.ToTable("rhks");
        b.Property(r => r.Text).HasMaxLength(1000);
        b.HasOne(r => r.ParentRhk).WithMany().HasForeignKey(r => r.ParentRhkId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(r => r.Indicators).WithOne(i => i.Rhk).HasForeignKey(i => i.RhkId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> b)
    {
        b.ToTable("indicators");
        b.Property(i => i.Text).HasMaxLength(1000);
        b.Property(i => i.Unit).HasMaxLength(64);

        // A database default so that rows written before these columns existed (or by an older instance during a
        // rolling update) read as the count they were always treated as. The sentinel is a value no indicator
        // has, so EF always writes the value it was given rather than leaving Sum to the default.
        b.Property(i => i.Combination).HasDefaultValue(ReportCombination.Sum).HasSentinel((ReportCombination)(-1));
        b.Property(i => i.Direction).HasDefaultValue(IndicatorDirection.HigherIsBetter).HasSentinel((IndicatorDirection)(-1));
    }
}

internal sealed class ProgressEntryConfiguration : IEntityTypeConfiguration<ProgressEntry>
{
    public void Configure(EntityTypeBuilder<ProgressEntry> b)
    {
        b.ToTable("progress_entries");
        b.Property(p => p.Note).HasMaxLength(2000);
        b.Property(p => p.Evidence).HasMaxLength(4000);
        b.Property(p => p.ReviewNote).HasMaxLength(2000);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasIndex(p => new { p.EmployeeId, p.Date });
        b.HasIndex(p => new { p.IndicatorId, p.Date });
        b.HasIndex(p => p.Status);
        b.HasOne(p => p.Indicator).WithMany().HasForeignKey(p => p.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(p => p.Employee).WithMany().HasForeignKey(p => p.EmployeeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Employee>().WithMany().HasForeignKey(p => p.ReviewedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FeedbackRequestConfiguration : IEntityTypeConfiguration<FeedbackRequest>
{
    public void Configure(EntityTypeBuilder<FeedbackRequest> b)
    {
        b.ToTable("feedback_requests");
        b.Property(f => f.Question).HasMaxLength(2000);
        b.Property(f => f.DeclineReason).HasMaxLength(2000);
        b.Property(f => f.Version).IsConcurrencyToken();
        b.HasIndex(f => new { f.RecipientId, f.Status });
        b.HasIndex(f => f.RequesterId);
        b.HasOne<Employee>().WithMany().HasForeignKey(f => f.RequesterId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Employee>().WithMany().HasForeignKey(f => f.RecipientId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Rhk>().WithMany().HasForeignKey(f => f.RhkId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<ProgressEntry>().WithMany().HasForeignKey(f => f.ProgressEntryId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class FeedbackNoteConfiguration : IEntityTypeConfiguration<FeedbackNote>
{
    public void Configure(EntityTypeBuilder<FeedbackNote> b)
    {
        b.ToTable("feedback_notes");
        b.Property(f => f.Text).HasMaxLength(4000);
        b.HasIndex(f => f.ToId);
        b.HasOne<Employee>().WithMany().HasForeignKey(f => f.FromId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Employee>().WithMany().HasForeignKey(f => f.ToId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<FeedbackRequest>().WithMany().HasForeignKey(f => f.RequestId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Rhk>().WithMany().HasForeignKey(f => f.RhkId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<ProgressEntry>().WithMany().HasForeignKey(f => f.ProgressEntryId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AppraisalConfiguration : IEntityTypeConfiguration<Appraisal>
{
    public void Configure(EntityTypeBuilder<Appraisal> b)
    {
        b.ToTable("appraisals");
        b.Property(a => a.PeriodCode).HasMaxLength(16);
        b.Property(a => a.SelfSummary).HasMaxLength(4000);
        b.Property(a => a.RaterNote).HasMaxLength(4000);
        b.Property(a => a.ObjectionReason).HasMaxLength(4000);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasIndex(a => new { a.EmployeeId, a.PeriodCode, a.Revision }).IsUnique();
        b.HasIndex(a => a.RaterId);
        b.HasOne<Employee>().WithMany().HasForeignKey(a => a.EmployeeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Employee>().WithMany().HasForeignKey(a => a.RaterId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Notes).WithOne().HasForeignKey(n => n.AppraisalId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AppraisalNoteConfiguration : IEntityTypeConfiguration<AppraisalNote>
{
    public void Configure(EntityTypeBuilder<AppraisalNote> b)
    {
        b.ToTable("appraisal_notes");
        b.Property(n => n.SelfNote).HasMaxLength(4000);
        b.Property(n => n.RaterNote).HasMaxLength(4000);
        b.HasOne<Rhk>().WithMany().HasForeignKey(n => n.RhkId).OnDelete(DeleteBehavior.SetNull);
    }
}

using KinerjaBot.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KinerjaBot.Data.Configurations;

internal sealed class ReminderSnoozeConfiguration : IEntityTypeConfiguration<ReminderSnooze>
{
    public void Configure(EntityTypeBuilder<ReminderSnooze> b)
    {
        b.ToTable("reminder_snoozes");
        b.Property(s => s.Rule).HasMaxLength(32);
        b.Property(s => s.Occurrence).HasMaxLength(64);
        b.HasIndex(s => new { s.EmployeeId, s.Rule, s.Occurrence }).IsUnique();
        b.HasIndex(s => s.Until);
        b.HasOne<Employee>().WithMany().HasForeignKey(s => s.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SchedulerLeaseConfiguration : IEntityTypeConfiguration<SchedulerLease>
{
    public void Configure(EntityTypeBuilder<SchedulerLease> b)
    {
        b.ToTable("scheduler_leases");
        b.HasKey(l => l.Name);
        b.Property(l => l.Name).HasMaxLength(64);
        b.Property(l => l.Owner).HasMaxLength(128);
    }
}

internal sealed class AppInstallationConfiguration : IEntityTypeConfiguration<AppInstallation>
{
    public void Configure(EntityTypeBuilder<AppInstallation> b)
    {
        b.ToTable("app_installations");
        b.Property(a => a.Detail).HasMaxLength(512);
        b.Property(a => a.ChatId).HasMaxLength(512);
        b.HasIndex(a => a.EmployeeId).IsUnique();
        b.HasOne<Employee>().WithMany().HasForeignKey(a => a.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HolidayFileConfiguration : IEntityTypeConfiguration<HolidayFileRow>
{
    public void Configure(EntityTypeBuilder<HolidayFileRow> b)
    {
        b.ToTable("holiday_files");
        b.Property(f => f.Years).HasMaxLength(128);
        b.Property(f => f.Source).HasMaxLength(512);
    }
}

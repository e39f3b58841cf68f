using KinerjaBot.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KinerjaBot.Data.Configurations;

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> b)
    {
        b.ToTable("units");
        b.Property(u => u.Code).HasMaxLength(64);
        b.Property(u => u.Name).HasMaxLength(256);
        b.Property(u => u.TimeZone).HasMaxLength(64);
        b.HasIndex(u => u.Code).IsUnique();
        b.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EmployeeConfiguration : IEntityTypeConfiguration<Employee>
{
    public void Configure(EntityTypeBuilder<Employee> b)
    {
        b.ToTable("employees");
        b.Property(e => e.Nip).HasMaxLength(32);
        b.Property(e => e.Name).HasMaxLength(256);
        b.Property(e => e.PositionName).HasMaxLength(256);
        b.Property(e => e.AadObjectId).HasMaxLength(64);
        b.Property(e => e.Email).HasMaxLength(256);
        b.Property(e => e.TimeZone).HasMaxLength(64);
        b.Property(e => e.Language).HasMaxLength(8);
        b.Property(e => e.AddressName).HasMaxLength(64);
        b.Property(e => e.Version).IsConcurrencyToken();
        // A column added after the first release: existing rows get false.
        b.Property(e => e.ApprovalsAsDigest).HasDefaultValue(false);
        b.Property(e => e.IsExternal).HasDefaultValue(false);
        b.HasIndex(e => e.Nip).IsUnique();
        // One Teams identity, one employee: a turn must never have to choose whom it acts as. Many may have none.
        b.HasIndex(e => e.AadObjectId).IsUnique();
        b.HasIndex(e => e.RaterId);
        b.HasOne(e => e.Unit).WithMany().HasForeignKey(e => e.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Rater).WithMany().HasForeignKey(e => e.RaterId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OrganisationResultConfiguration : IEntityTypeConfiguration<OrganisationResultRow>
{
    public void Configure(EntityTypeBuilder<OrganisationResultRow> b)
    {
        b.ToTable("organisation_results");
        b.Property(r => r.PeriodCode).HasMaxLength(16);
        b.Property(r => r.SetBy).HasMaxLength(256);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => new { r.UnitId, r.PeriodCode }).IsUnique();
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ActingAssignmentConfiguration : IEntityTypeConfiguration<ActingAssignmentRow>
{
    public void Configure(EntityTypeBuilder<ActingAssignmentRow> b)
    {
        b.ToTable("acting_assignments");
        b.HasIndex(a => new { a.SupervisorId, a.From });
        b.HasOne<Employee>().WithMany().HasForeignKey(a => a.SupervisorId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Employee>().WithMany().HasForeignKey(a => a.ActingEmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConversationRefConfiguration : IEntityTypeConfiguration<ConversationRef>
{
    public void Configure(EntityTypeBuilder<ConversationRef> b)
    {
        b.ToTable("conversation_refs");
        b.Property(c => c.UserId).HasMaxLength(256);
        b.Property(c => c.AadObjectId).HasMaxLength(64);
        b.Property(c => c.ServiceUrl).HasMaxLength(512);
        b.Property(c => c.ConversationId).HasMaxLength(512);
        b.Property(c => c.ChannelId).HasMaxLength(64);
        b.Property(c => c.TenantId).HasMaxLength(64);
        b.Property(c => c.BotId).HasMaxLength(256);
        b.Property(c => c.UserName).HasMaxLength(256);
        b.Property(c => c.Locale).HasMaxLength(32);
        b.Property(c => c.TimeZone).HasMaxLength(64);
        b.Property(c => c.UnreachableReason).HasMaxLength(256);
        b.HasIndex(c => c.UserId).IsUnique();
        b.HasIndex(c => c.EmployeeId);
        b.HasOne<Employee>().WithMany().HasForeignKey(c => c.EmployeeId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ConversationFlowConfiguration : IEntityTypeConfiguration<ConversationFlow>
{
    public void Configure(EntityTypeBuilder<ConversationFlow> b)
    {
        b.ToTable("conversation_flows");
        b.Property(f => f.UserId).HasMaxLength(256);
        b.Property(f => f.Kind).HasMaxLength(64);
        b.Property(f => f.Version).IsConcurrencyToken();
        b.HasIndex(f => f.UserId).IsUnique();
    }
}

using KinerjaBot.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KinerjaBot.Data.Configurations;

internal sealed class DirectoryLinkConfiguration : IEntityTypeConfiguration<DirectoryLink>
{
    public void Configure(EntityTypeBuilder<DirectoryLink> b)
    {
        b.ToTable("directory_links");
        b.HasKey(l => l.EmployeeId);
        b.Property(l => l.EmployeeId).ValueGeneratedNever();
        b.Property(l => l.ManagerAadObjectId).HasMaxLength(64);
        b.HasOne<Employee>().WithOne().HasForeignKey<DirectoryLink>(l => l.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DirectoryConflictConfiguration : IEntityTypeConfiguration<DirectoryConflict>
{
    public void Configure(EntityTypeBuilder<DirectoryConflict> b)
    {
        b.ToTable("directory_conflicts");
        b.Property(c => c.GraphManagerAadObjectId).HasMaxLength(64);
        b.HasIndex(c => c.EmployeeId).IsUnique();
        b.HasIndex(c => c.ResolvedAt);
        b.HasOne<Employee>().WithMany().HasForeignKey(c => c.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KinerjaBot.Data.Migrations;

/// <summary>Organisation directory from Microsoft Graph: what the sync learned per employee, and the conflicts it reports.</summary>
[DbContext(typeof(KinerjaDbContext))]
[Migration("20261201020000_Directory")]
public sealed class OrganisationDirectory : KinerjaMigration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "directory_links",
            columns: table => new
            {
                EmployeeId = table.Column<int>(nullable: false),
                ManagerAadObjectId = table.Column<string>(maxLength: 64, nullable: true),
                FilledRaterId = table.Column<int>(nullable: true),
                SyncedAt = Timestamp(table, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_directory_links", x => x.EmployeeId);
                table.ForeignKey("FK_directory_links_employees_EmployeeId", x => x.EmployeeId, "employees", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "directory_conflicts",
            columns: table => new
            {
                Id = Id<int>(table),
                EmployeeId = table.Column<int>(nullable: false),
                Kind = Enum(table, nullable: false),
                RaterId = table.Column<int>(nullable: true),
                GraphManagerAadObjectId = table.Column<string>(maxLength: 64, nullable: true),
                GraphManagerEmployeeId = table.Column<int>(nullable: true),
                FirstSeenAt = Timestamp(table, nullable: false),
                ResolvedAt = Timestamp(table, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_directory_conflicts", x => x.Id);
                table.ForeignKey("FK_directory_conflicts_employees_EmployeeId", x => x.EmployeeId, "employees", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_directory_conflicts_EmployeeId", "directory_conflicts", "EmployeeId", unique: true);
        migrationBuilder.CreateIndex("IX_directory_conflicts_ResolvedAt", "directory_conflicts", "ResolvedAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("directory_conflicts");
        migrationBuilder.DropTable("directory_links");
    }
}

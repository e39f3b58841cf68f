using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KinerjaBot.Data.Migrations;

/// <summary>Reminders: snoozes, the planner's per-tick lease, Graph app installations, and a rater's approvals-digest choice.</summary>
[DbContext(typeof(KinerjaDbContext))]
[Migration("20261124000000_Reminders")]
public sealed class Reminders : KinerjaMigration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>(name: "ApprovalsAsDigest", table: "employees", nullable: false, defaultValue: false);

        migrationBuilder.CreateTable(
            name: "reminder_snoozes",
            columns: table => new
            {
                Id = Id<int>(table),
                EmployeeId = table.Column<int>(nullable: false),
                Rule = table.Column<string>(maxLength: 32, nullable: false),
                Occurrence = table.Column<string>(maxLength: 64, nullable: false),
                Until = table.Column<DateOnly>(nullable: false),
                CreatedAt = Timestamp(table, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_reminder_snoozes", x => x.Id);
                table.ForeignKey("FK_reminder_snoozes_employees_EmployeeId", x => x.EmployeeId, "employees", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "scheduler_leases",
            columns: table => new
            {
                Name = table.Column<string>(maxLength: 64, nullable: false),
                Owner = table.Column<string>(maxLength: 128, nullable: true),
                LeaseUntil = Timestamp(table, nullable: true),
                LastSlot = Timestamp(table, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_scheduler_leases", x => x.Name);
            });

        migrationBuilder.CreateTable(
            name: "app_installations",
            columns: table => new
            {
                Id = Id<int>(table),
                EmployeeId = table.Column<int>(nullable: false),
                Status = Enum(table, nullable: false),
                Detail = table.Column<string>(maxLength: 512, nullable: true),
                ChatId = table.Column<string>(maxLength: 512, nullable: true),
                AttemptedAt = Timestamp(table, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_app_installations", x => x.Id);
                table.ForeignKey("FK_app_installations_employees_EmployeeId", x => x.EmployeeId, "employees", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_reminder_snoozes_EmployeeId_Rule_Occurrence", "reminder_snoozes", ["EmployeeId", "Rule", "Occurrence"], unique: true);
        migrationBuilder.CreateIndex("IX_reminder_snoozes_Until", "reminder_snoozes", "Until");
        migrationBuilder.CreateIndex("IX_app_installations_EmployeeId", "app_installations", "EmployeeId", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("app_installations");
        migrationBuilder.DropTable("scheduler_leases");
        migrationBuilder.DropTable("reminder_snoozes");
        if (IsSqlite)
        {
            // EF will not drop a SQLite column itself; SQLite 3.35+ can.
            migrationBuilder.Sql("ALTER TABLE \"employees\" DROP COLUMN \"ApprovalsAsDigest\";");
        }
        else
        {
            migrationBuilder.DropColumn(name: "ApprovalsAsDigest", table: "employees");
        }
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KinerjaBot.Data.Migrations;

/// <summary>The stored organisation result per unit and period, and raters from outside the instansi (Kepala Daerah).</summary>
[DbContext(typeof(KinerjaDbContext))]
[Migration("20261204050000_OrganisationResults")]
public sealed class StoredOrganisationResults : KinerjaMigration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "organisation_results",
            columns: table => new
            {
                Id = Id<int>(table),
                UnitId = table.Column<int>(nullable: false),
                PeriodCode = table.Column<string>(maxLength: 16, nullable: false),
                Result = Enum(table, nullable: false),
                SetByEmployeeId = table.Column<int>(nullable: true),
                SetBy = table.Column<string>(maxLength: 256, nullable: false),
                SetAt = Timestamp(table, nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_organisation_results", x => x.Id);
                table.ForeignKey("FK_organisation_results_units_UnitId", x => x.UnitId, "units", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_organisation_results_UnitId_PeriodCode", "organisation_results", ["UnitId", "PeriodCode"], unique: true);

        migrationBuilder.AddColumn<bool>(name: "IsExternal", table: "employees", nullable: false, defaultValue: false);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("organisation_results");
        if (IsSqlite)
        {
            migrationBuilder.Sql("ALTER TABLE \"employees\" DROP COLUMN \"IsExternal\";");
        }
        else
        {
            migrationBuilder.DropColumn(name: "IsExternal", table: "employees");
        }
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KinerjaBot.Data.Migrations;

/// <summary>Employees: the name they are addressed by ("Made", "Simanjuntak"), when the import gives one.</summary>
[DbContext(typeof(KinerjaDbContext))]
[Migration("20261204060000_EmployeeAddressName")]
public sealed class EmployeeAddressName : KinerjaMigration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "AddressName", table: "employees", maxLength: 64, nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (IsSqlite)
        {
            // EF will not drop a SQLite column itself; SQLite 3.35+ can.
            migrationBuilder.Sql("ALTER TABLE \"employees\" DROP COLUMN \"AddressName\";");
        }
        else
        {
            migrationBuilder.DropColumn(name: "AddressName", table: "employees");
        }
    }
}

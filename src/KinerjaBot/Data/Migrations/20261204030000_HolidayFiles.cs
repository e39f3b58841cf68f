using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KinerjaBot.Data.Migrations;

/// <summary>Holiday files loaded by an administrator (the next year's SKB 3 Menteri), shared by all instances.</summary>
[DbContext(typeof(KinerjaDbContext))]
[Migration("20261204030000_HolidayFiles")]
public sealed class HolidayFiles : KinerjaMigration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "holiday_files",
            columns: table => new
            {
                Id = Id<int>(table),
                Years = table.Column<string>(maxLength: 128, nullable: false),
                Source = table.Column<string>(maxLength: 512, nullable: true),
                Content = table.Column<string>(nullable: false),
                LoadedAt = Timestamp(table, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_holiday_files", x => x.Id));
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("holiday_files");
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KinerjaBot.Data.Migrations;

/// <summary>
/// Indicators: how reports combine (Sum, Latest, Average) and which way is better. Existing indicators get
/// what <c>Realisation.Default</c> gives for their aspek and unit, so their figures only change where they
/// were wrong (Waktu in hari, Biaya in rupiah).
/// </summary>
[DbContext(typeof(KinerjaDbContext))]
[Migration("20261204040000_IndicatorMeasure")]
public sealed class IndicatorMeasure : KinerjaMigration
{
    // The same lists as Realisation.IsRate and Realisation.IsDuration, as of this migration.
    private const string Rates = "'%', 'persen', 'persentase', 'percent', 'indeks', 'index', 'nilai', 'skor'";
    private const string Durations = "'detik', 'menit', 'jam', 'hari', 'hari kerja', 'hari kalender', 'minggu', 'pekan', 'bulan'";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // The database default (the model's, see IndicatorConfiguration) makes existing rows valid; they are then set below.
        migrationBuilder.AddColumn<string>(name: "Combination", table: "indicators", maxLength: 32, nullable: false, defaultValue: "Sum");
        migrationBuilder.AddColumn<string>(name: "Direction", table: "indicators", maxLength: 32, nullable: false, defaultValue: "HigherIsBetter");
        const string unit = "LOWER(TRIM(\"Unit\"))";
        migrationBuilder.Sql($"UPDATE \"indicators\" SET \"Combination\" = 'Latest' WHERE {unit} IN ({Rates});");
        migrationBuilder.Sql($"UPDATE \"indicators\" SET \"Direction\" = 'LowerIsBetter' WHERE \"Aspect\" = 'Biaya' AND {unit} NOT IN ({Rates});");
        migrationBuilder.Sql($"UPDATE \"indicators\" SET \"Combination\" = 'Average', \"Direction\" = 'LowerIsBetter' WHERE \"Aspect\" IN ('Waktu', 'Kualitas') AND {unit} IN ({Durations});");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (IsSqlite)
        {
            // EF will not drop a SQLite column itself; SQLite 3.35+ can.
            migrationBuilder.Sql("ALTER TABLE \"indicators\" DROP COLUMN \"Combination\";");
            migrationBuilder.Sql("ALTER TABLE \"indicators\" DROP COLUMN \"Direction\";");
        }
        else
        {
            migrationBuilder.DropColumn(name: "Combination", table: "indicators");
            migrationBuilder.DropColumn(name: "Direction", table: "indicators");
        }
    }
}

using KinerjaBot.Domain;
using KinerjaBot.Infrastructure.Csv;

namespace KinerjaBot.Features.Reports;

public static class ExportEndpoints
{
    /// <summary>
    /// <c>GET /admin/export/{progress|feedback|appraisals|units}?year=2026</c>, streamed as CSV.
    /// <c>bom=true</c> starts the file with a UTF-8 BOM (Excel); <c>delimiter=semicolon</c> suits Excel under an Indonesian locale.
    /// Indonesian headers and labels unless <c>lang=en</c> (English headers, stable codes); <c>profile=ekinerja</c> lays the
    /// appraisals out as the SKP evaluation form (see <see cref="ExportFormat"/>).
    /// </summary>
    public static RouteGroupBuilder MapExportAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/export/{kind}", (string kind, int? year, bool? bom, string? delimiter, string? lang, string? profile, ReportExports exports, TimeProvider time, HttpContext http) =>
        {
            if (!Enum.TryParse<ExportKind>(kind, ignoreCase: true, out var exportKind) || !kind.All(char.IsAsciiLetter))
            {
                return Results.NotFound();
            }

            var thisYear = IndonesianTimeZones.LocalDate(time.GetUtcNow(), IndonesianTimeZones.Resolve(IndonesianTimeZones.Wib)).Year;
            var chosenYear = year ?? thisYear;
            if (chosenYear < 2000 || chosenYear > thisYear + 1)
            {
                return Results.BadRequest(new { error = $"year must be from 2000 to {thisYear + 1}." });
            }

            char? separator = (delimiter ?? "comma").ToLowerInvariant() switch
            {
                "comma" or "," => ',',
                "semicolon" or ";" => ';',
                "tab" => '\t',
                _ => null,
            };
            if (separator is null)
            {
                return Results.BadRequest(new { error = "delimiter must be comma, semicolon or tab." });
            }

            ExportFormat? format = ((lang ?? "id").ToLowerInvariant(), (profile ?? "").ToLowerInvariant()) switch
            {
                ("id", "") => ExportFormat.Indonesian,
                ("en", "") => ExportFormat.Codes,
                ("id", "ekinerja") when exportKind == ExportKind.Appraisals => ExportFormat.EKinerja,
                _ => null,
            };
            if (format is null)
            {
                return Results.BadRequest(new { error = "lang must be id or en; profile=ekinerja is for the appraisals export, in Indonesian." });
            }

            var name = format == ExportFormat.EKinerja
                ? $"kinerjabot-ekinerja-{chosenYear}.csv"
                : $"kinerjabot-{exportKind.ToString().ToLowerInvariant()}-{chosenYear}.csv";
            return Results.Stream(async stream =>
            {
                await using var writer = new StreamWriter(stream, bom == true ? CsvWriter.Utf8WithBom : CsvWriter.Utf8, bufferSize: 64 * 1024);
                await exports.WriteAsync(exportKind, chosenYear, format.Value, new CsvWriter(writer, separator.Value), http.RequestAborted);
                await writer.FlushAsync(http.RequestAborted);
            }, "text/csv; charset=utf-8", name);
        });
        return admin;
    }
}

using KinerjaBot.Infrastructure.Csv;
using KinerjaBot.Localization;

namespace KinerjaBot.Features.Import;

public static class ImportEndpoints
{
    /// <summary>Largest file accepted: far above 100,000 employees' rows, far below what would hurt the bot.</summary>
    public const int MaxBytes = 32 * 1024 * 1024;

    /// <summary>
    /// <c>POST /admin/import/{units|employees|skp}</c> with the CSV as the body (<c>?lang=en</c> for English
    /// messages); <c>GET</c> on the same path downloads what is stored in that layout (<c>?year=</c> for SKPs, <c>?bom=true</c> for Excel).
    /// </summary>
    public static RouteGroupBuilder MapImportAdmin(this RouteGroupBuilder admin)
    {
        admin.MapPost("/import/{kind}", async (string kind, HttpRequest request, ImportService imports, CancellationToken ct) =>
        {
            if (!Enum.TryParse<ImportKind>(kind, ignoreCase: true, out var importKind) || !kind.All(char.IsAsciiLetter))
            {
                return Results.NotFound();
            }

            var texts = Texts.For(LanguageOf(request));
            if (request.ContentLength > MaxBytes)
            {
                return Results.Json(new { errors = new[] { new ImportError(1, null, texts.Format("Import.TooLarge", MaxBytes / 1024 / 1024)) } }, statusCode: StatusCodes.Status413PayloadTooLarge);
            }

            using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
            var text = await reader.ReadToEndAsync(ct);
            var outcome = await imports.ImportAsync(importKind, text, texts, ct);
            return outcome.Applied
                ? Results.Ok(new { kind = importKind.ToString().ToLowerInvariant(), created = outcome.Counts!.Created, updated = outcome.Counts.Updated })
                : Results.BadRequest(new { kind = importKind.ToString().ToLowerInvariant(), errors = outcome.Errors });
        });

        // The same layout back: what the import would take to recreate what is stored now.
        admin.MapGet("/import/{kind}", (string kind, int? year, bool? bom, OrganisationExport export, HttpContext http) =>
        {
            if (!Enum.TryParse<ImportKind>(kind, ignoreCase: true, out var importKind) || !kind.All(char.IsAsciiLetter))
            {
                return Results.NotFound();
            }

            var name = $"kinerjabot-{importKind.ToString().ToLowerInvariant()}{(year is null ? "" : "-" + year)}.csv";
            return Results.Stream(async stream =>
            {
                await using var writer = new StreamWriter(stream, bom == true ? CsvWriter.Utf8WithBom : CsvWriter.Utf8, bufferSize: 64 * 1024);
                await export.WriteAsync(importKind, year, new CsvWriter(writer), http.RequestAborted);
                await writer.FlushAsync(http.RequestAborted);
            }, "text/csv; charset=utf-8", name);
        });
        return admin;
    }

    private static string LanguageOf(HttpRequest request) =>
        request.Query["lang"].ToString() is { Length: > 0 } lang
            ? Texts.LanguageOf(lang)
            : Texts.LanguageOf(request.Headers.AcceptLanguage.ToString());
}

using KinerjaBot.Infrastructure.Csv;
using Microsoft.AspNetCore.Http.Features;
using KinerjaBot.Localization;

namespace KinerjaBot.Features.Import;

public static class ImportEndpoints
{
    /// <summary>
    /// Largest file accepted by default (<c>Import:MaxBytes</c>): far above 100,000 employees' rows. The file is
    /// read row by row (twice for employees: to validate, then to write), so this bounds the disk it is spooled to, not memory.
    /// </summary>
    public const long DefaultMaxBytes = 32 * 1024 * 1024;

    /// <summary>
    /// <c>POST /admin/import/{units|employees|skp}</c> with the CSV as the body (<c>?lang=en</c> for English
    /// messages); <c>GET</c> on the same path downloads what is stored in that layout (<c>?year=</c> for SKPs, <c>?bom=true</c> for Excel).
    /// </summary>
    public static RouteGroupBuilder MapImportAdmin(this RouteGroupBuilder admin)
    {
        admin.MapPost("/import/{kind}", async (string kind, HttpRequest request, ImportService imports, IConfiguration configuration, CancellationToken ct) =>
        {
            if (!Enum.TryParse<ImportKind>(kind, ignoreCase: true, out var importKind) || !kind.All(char.IsAsciiLetter))
            {
                return Results.NotFound();
            }

            var texts = Texts.For(LanguageOf(request));
            var maxBytes = configuration.GetValue("Import:MaxBytes", DefaultMaxBytes);
            // The server's own limit (30,000,000 bytes by default) becomes this one, so the one that answers is ours.
            if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = maxBytes;
            }

            await using var spooled = await SpoolAsync(request, maxBytes, ct);
            if (spooled is null)
            {
                return Results.Json(
                    new { errors = new[] { new ImportError(1, null, texts.Format("Import.TooLarge", Math.Round(maxBytes / 1048576m, 1), maxBytes)) } },
                    statusCode: StatusCodes.Status413PayloadTooLarge);
            }

            var outcome = await imports.ImportAsync(importKind, () =>
            {
                spooled.Position = 0;
                return new StreamReader(spooled, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
            }, texts, ct);
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

    /// <summary>
    /// The body in a temporary file (deleted on close), or null when it is larger than <paramref name="maxBytes"/>.
    /// Validation then reads a local file: the import's transaction never waits on a slow upload.
    /// </summary>
    private static async Task<FileStream?> SpoolAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var file = new FileStream(
            Path.Combine(Path.GetTempPath(), "kinerjabot-import-" + Guid.NewGuid().ToString("N") + ".csv"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var buffer = new byte[64 * 1024];
            long total = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    await file.DisposeAsync();
                    return null;
                }

                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }

            file.Position = 0;
            return file;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await file.DisposeAsync();
            return null;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static string LanguageOf(HttpRequest request) =>
        request.Query["lang"].ToString() is { Length: > 0 } lang
            ? Texts.LanguageOf(lang)
            : Texts.LanguageOf(request.Headers.AcceptLanguage.ToString());
}

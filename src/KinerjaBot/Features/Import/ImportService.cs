using System.Runtime.CompilerServices;
using KinerjaBot.Data;
using KinerjaBot.Infrastructure.Csv;
using KinerjaBot.Localization;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Features.Import;

/// <summary>The result of an import: counts when it was applied, or every problem when nothing was changed.</summary>
public sealed record ImportOutcome(ImportKind Kind, ImportCounts? Counts, IReadOnlyList<ImportError> Errors)
{
    public bool Applied => Counts is not null;
}

/// <summary>
/// Imports units, employees and SKP from CSV, all or nothing: the whole file is validated first (every
/// problem reported with its line), and applied in one transaction only when it has none.
/// </summary>
public sealed class ImportService(KinerjaDbContext db, AuditTrail audit, IConfiguration configuration)
{
    /// <summary>
    /// Rows written per SaveChanges before the change tracker is cleared (<c>Import:BatchSize</c>, internal): bounds
    /// the memory of the apply; the transaction around all batches keeps the file all or nothing.
    /// </summary>
    public const int DefaultBatchSize = 1000;

    private int BatchSize => Math.Max(1, configuration.GetValue("Import:BatchSize", DefaultBatchSize));

    public Task<ImportOutcome> ImportAsync(ImportKind kind, string text, Texts texts, CancellationToken ct) =>
        ImportAsync(kind, () => new StringReader(text), texts, ct);

    /// <summary>
    /// Reads the file row by row: only what the plan keeps of each row stays in memory, never the file.
    /// <paramref name="open"/> gives the file from its start each time it is called, so the write can read it again.
    /// </summary>
    public async Task<ImportOutcome> ImportAsync(ImportKind kind, Func<TextReader> open, Texts texts, CancellationToken ct)
    {
        using var csv = open();
        var errors = new ImportErrors(texts);
        ImportPlan? plan;
        try
        {
            var table = CsvReader.Open(csv);
            var columns = ImportSchema.For(kind).Columns(table.Header, errors);
            if (errors.Any)
            {
                return new ImportOutcome(kind, null, errors.All);
            }

            var seen = new StrongBox<int>();
            var rows = ImportSchema.Rows(table, columns, errors, seen);
            plan = kind switch
            {
                ImportKind.Units => await UnitImport.PlanAsync(db, rows, errors, ct),
                ImportKind.Employees => await EmployeeImport.PlanAsync(db, columns, rows, errors, BatchSize, () => Reread(open, kind, texts), ct),
                _ => await SkpImport.PlanAsync(db, rows, errors, ct),
            };
            if (seen.Value == 0)
            {
                errors = new ImportErrors(texts);
                errors.Add(1, null, "Import.NoRows");
            }
        }
        catch (CsvFormatException e)
        {
            // A file that is not CSV at all: that is the one thing to fix, whatever rows before it said.
            errors = new ImportErrors(texts);
            errors.Add(e.Line, null, "Import.Csv." + e.Problem);
            return new ImportOutcome(kind, null, errors.All);
        }

        if (plan is null || errors.Any)
        {
            return new ImportOutcome(kind, null, errors.All);
        }

        audit.SetActor(null, "import:" + kind.ToString().ToLowerInvariant());
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            var counts = await strategy.ExecuteAsync(async token =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(token);
                var applied = await plan.ApplyAsync(token);
                await transaction.CommitAsync(token);
                return applied;
            }, ct);
            return new ImportOutcome(kind, counts, []);
        }
        catch (DbUpdateException)
        {
            // Someone changed the same records meanwhile; the transaction rolled back, so retrying is safe.
            db.ChangeTracker.Clear();
            errors.Add(1, null, "Import.Conflict");
            return new ImportOutcome(kind, null, errors.All);
        }
    }

    /// <summary>The rows of the file once more, for a plan that writes while it reads.</summary>
    private static IEnumerable<ImportRow> Reread(Func<TextReader> open, ImportKind kind, Texts texts)
    {
        using var csv = open();
        var errors = new ImportErrors(texts);
        var table = CsvReader.Open(csv);
        var columns = ImportSchema.For(kind).Columns(table.Header, errors);
        foreach (var row in ImportSchema.Rows(table, columns, errors, new StrongBox<int>()))
        {
            yield return row;
        }
    }
}

using System.Runtime.CompilerServices;
using KinerjaBot.Infrastructure.Csv;

namespace KinerjaBot.Features.Import;

/// <summary>What an administrator can import; each kind has its own file layout (see README, "Importing").</summary>
public enum ImportKind
{
    Units,
    Employees,
    Skp,
}

/// <summary>The columns of one import file: those it must have and those it may have.</summary>
internal sealed record ImportSchema(IReadOnlyList<string> Required, IReadOnlyList<string> Optional)
{
    public static ImportSchema For(ImportKind kind) => kind switch
    {
        ImportKind.Units => new(["code", "name"], ["parent_code", "time_zone", "allow_peer_feedback"]),
        ImportKind.Employees => new(
            ["nip", "name", "position_type", "position_name", "unit_code"],
            ["salutation", "address_name", "rater_nip", "email", "aad_object_id", "time_zone", "language", "credit_coefficient", "active", "unit_head", "external"]),
        ImportKind.Skp => new(
            ["nip", "year", "rhk_no", "rhk_kind", "rhk_text", "indicator_text", "aspect", "target", "unit"],
            ["parent_rhk_no", "status", "realisation", "direction"]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Column positions, or header errors (missing, unknown or repeated columns) on line 1.</summary>
    public IReadOnlyDictionary<string, int> Columns(IReadOnlyList<string> header, ImportErrors errors)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i];
            if (!Required.Contains(name) && !Optional.Contains(name))
            {
                errors.Add(1, name, "Import.UnknownColumn", name, string.Join(", ", Required.Concat(Optional)));
            }
            else if (!columns.TryAdd(name, i))
            {
                errors.Add(1, name, "Import.RepeatedColumn", name);
            }
        }

        foreach (var missing in Required.Where(r => !columns.ContainsKey(r)))
        {
            errors.Add(1, missing, "Import.MissingColumn", missing);
        }

        return columns;
    }

    /// <summary>The rows with the right number of fields, as they are read; the others are reported. Counts every record in <paramref name="seen"/>.</summary>
    public static IEnumerable<ImportRow> Rows(CsvTable table, IReadOnlyDictionary<string, int> columns, ImportErrors errors, StrongBox<int> seen)
    {
        foreach (var record in table.Records)
        {
            seen.Value++;
            if (record.Fields.Count != table.Header.Count)
            {
                errors.Add(record.Line, null, "Import.FieldCount", record.Fields.Count, table.Header.Count);
                continue;
            }

            yield return new ImportRow(record, columns, errors);
        }
    }
}

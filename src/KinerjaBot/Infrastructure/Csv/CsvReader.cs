using System.Text;

namespace KinerjaBot.Infrastructure.Csv;

/// <summary>One record of a CSV file and the physical line it starts on (1-based, header is line 1).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>A parsed CSV file: header names (trimmed, lower-case) and the records below it.</summary>
public sealed record CsvDocument(IReadOnlyList<string> Header, IReadOnlyList<CsvRecord> Records, char Delimiter);

/// <summary>Why a file is not CSV at all, at which line.</summary>
public enum CsvProblem
{
    Empty,
    UnterminatedQuote,
    TextAfterClosingQuote,
}

public sealed class CsvFormatException(int line, CsvProblem problem)
    : FormatException($"CSV line {line}: {problem}")
{
    public int Line { get; } = line;
    public CsvProblem Problem { get; } = problem;
}

/// <summary>
/// RFC 4180 reader for the files administrators export from spreadsheets: quoted fields with commas,
/// quotes and line breaks, a UTF-8 BOM, CRLF or LF, and the semicolon delimiter Excel writes under an
/// Indonesian locale (chosen when the header has semicolons and no commas). Blank lines are skipped.
/// </summary>
public static class CsvReader
{
    public static CsvDocument Parse(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var firstLineEnd = text.IndexOfAny(['\r', '\n']);
        var firstLine = firstLineEnd < 0 ? text : text[..firstLineEnd];
        var delimiter = firstLine.Contains(';', StringComparison.Ordinal) && !firstLine.Contains(',', StringComparison.Ordinal) ? ';' : ',';

        var records = ReadRecords(text, delimiter).Where(r => !(r.Fields.Count == 1 && r.Fields[0].Trim().Length == 0)).ToList();
        if (records.Count == 0)
        {
            throw new CsvFormatException(1, CsvProblem.Empty);
        }

        var header = records[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        return new CsvDocument(header, records.Skip(1).ToList(), delimiter);
    }

    private static IEnumerable<CsvRecord> ReadRecords(string text, char delimiter)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && field.Length == 0)
            {
                var quoteLine = line;
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new CsvFormatException(quoteLine, CsvProblem.UnterminatedQuote);
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    if (text[i] == '\n')
                    {
                        line++;
                    }

                    field.Append(text[i]);
                    i++;
                }

                if (i < text.Length && text[i] != delimiter && text[i] != '\r' && text[i] != '\n')
                {
                    throw new CsvFormatException(line, CsvProblem.TextAfterClosingQuote);
                }

                continue;
            }

            if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                i++;
                continue;
            }

            if (c == '\r' || c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                yield return new CsvRecord(recordLine, fields.ToArray());
                fields.Clear();
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                line++;
                recordLine = line;
                continue;
            }

            field.Append(c);
            i++;
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(recordLine, fields.ToArray());
        }
    }
}

using System.Globalization;
using System.Text;

namespace KinerjaBot.Infrastructure.Csv;

/// <summary>
/// RFC 4180 writer, the counterpart of <see cref="CsvReader"/>: CRLF after every record; a field is quoted
/// when it holds the delimiter, a quote, CR or LF, or starts or ends with a space, and quotes inside are
/// doubled. Records are written one at a time (asynchronously), so an export streams instead of being
/// built in memory. Optionally starts with a UTF-8 BOM, which Excel needs to read UTF-8 at all.
/// </summary>
public sealed class CsvWriter(TextWriter writer, char delimiter = ',')
{
    private readonly StringBuilder _line = new();

    /// <summary>The byte order mark Excel needs to recognise UTF-8.</summary>
    public static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public char Delimiter { get; } = delimiter is ',' or ';' or '\t' ? delimiter : throw new ArgumentOutOfRangeException(nameof(delimiter));

    public Task WriteRecordAsync(IEnumerable<string?> fields, CancellationToken ct)
    {
        _line.Clear();
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                _line.Append(Delimiter);
            }

            first = false;
            Append(field ?? "");
        }

        _line.Append("\r\n");
        return writer.WriteAsync(_line, ct);
    }

    /// <summary>
    /// Free text typed by people (notes, feedback): a leading <c>= + - @</c> or tab is neutralised with an
    /// apostrophe so a spreadsheet shows it as text instead of running it as a formula (CSV injection).
    /// </summary>
    public static string? Text(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    /// <summary>Numbers in invariant form (a dot for decimals), without trailing zeros.</summary>
    public static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Instants as ISO 8601 in UTC.</summary>
    public static string Timestamp(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    private void Append(string field)
    {
        var quote = field.Length > 0 && (field[0] == ' ' || field[^1] == ' ');
        foreach (var c in field)
        {
            if (c == Delimiter || c is '"' or '\r' or '\n')
            {
                quote = true;
                break;
            }
        }

        if (!quote)
        {
            _line.Append(field);
            return;
        }

        _line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}

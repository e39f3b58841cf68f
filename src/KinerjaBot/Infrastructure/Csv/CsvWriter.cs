using System.Globalization;
using System.Text;

namespace KinerjaBot.Infrastructure.Csv;

/// <summary>
/// RFC 4180 writer, the counterpart of <see cref="CsvReader"/>: CRLF after every record; a field is quoted
/// when it holds the delimiter, a quote, CR or LF, or starts or ends with a space, and quotes inside are
/// doubled. Records are written one at a time (asynchronously), so an export streams instead of being
/// built in memory. Optionally starts with a UTF-8 BOM, which Excel needs to read UTF-8 at all.
/// Every field is made safe for spreadsheets on the way out (<see cref="Text"/>), so no export can forget it.
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
            Append(Text(field) ?? "");
        }

        _line.Append("\r\n");
        return writer.WriteAsync(_line, ct);
    }

    /// <summary>
    /// A cell a spreadsheet would run as a formula (CSV injection: a leading <c>= + - @</c>, tab or CR, as in
    /// a name <c>=HYPERLINK(…)</c>) gets a leading apostrophe, so it is shown as the text it is. Plain numbers
    /// (<c>-1.5</c>) are not formulas and stay numbers. A value that already starts with apostrophes before
    /// such a character gets one more, so <see cref="Untext"/> gives back exactly what was stored.
    /// </summary>
    public static string? Text(string? value) => IsDefused(value) || (Dangerous(value, 0) && !IsPlainNumber(value!)) ? "'" + value : value;

    /// <summary>The inverse of <see cref="Text"/>, for reading a file this writer wrote (an import of an export).</summary>
    public static string Untext(string value) => IsDefused(value) ? value[1..] : value;

    private static bool IsDefused(string? value)
    {
        var apostrophes = 0;
        while (value is not null && apostrophes < value.Length && value[apostrophes] == '\'')
        {
            apostrophes++;
        }

        return apostrophes > 0 && Dangerous(value, apostrophes);
    }

    private static bool Dangerous(string? value, int at) =>
        value is not null && at < value.Length && value[at] is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static bool IsPlainNumber(string value) =>
        decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);

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

using System.Globalization;
using KinerjaBot.Infrastructure.Csv;
using KinerjaBot.Localization;

namespace KinerjaBot.Features.Import;

/// <summary>A problem with one line (and column) of an imported file, in the administrator's language.</summary>
public sealed record ImportError(int Line, string? Column, string Message);

/// <summary>Collects every problem of a file, so the administrator fixes them all in one round.</summary>
internal sealed class ImportErrors(Texts texts)
{
    /// <summary>Enough to fix a file; more would only repeat the same mistake.</summary>
    public const int Limit = 200;

    private readonly List<ImportError> _errors = [];

    public Texts Texts => texts;
    public IReadOnlyList<ImportError> All => _errors;
    public bool Any => _errors.Count > 0;

    public void Add(int line, string? column, string key, params object?[] args)
    {
        if (_errors.Count < Limit)
        {
            _errors.Add(new ImportError(line, column, texts.Format(key, args)));
        }
    }
}

/// <summary>Typed, validated access to one record; every failed read adds a line-precise error and returns null.</summary>
internal sealed class ImportRow(CsvRecord record, IReadOnlyDictionary<string, int> columns, ImportErrors errors)
{
    public int Line => record.Line;

    // Our own exports defuse spreadsheet formulas with an apostrophe; importing one gives back what was stored.
    private string Raw(string column) =>
        columns.TryGetValue(column, out var index) && index < record.Fields.Count ? CsvWriter.Untext(record.Fields[index].Trim()).Trim() : "";

    public string? Text(string column, int maxLength, bool required = false)
    {
        var value = Raw(column);
        if (value.Length == 0)
        {
            if (required)
            {
                errors.Add(Line, column, "Import.Required");
            }

            return null;
        }

        if (value.Length > maxLength)
        {
            errors.Add(Line, column, "Import.TooLong", maxLength);
            return null;
        }

        return value;
    }

    /// <summary>
    /// An 18-digit NIP; with <paramref name="allowExternalId"/> also the identifier of an external rater, who has
    /// no NIP (e.g. <c>KDH-TANGSEL</c>: a capital letter, then capitals, digits or dashes, at most 18 characters).
    /// </summary>
    public string? Nip(string column, bool required = true, bool allowExternalId = false)
    {
        var value = Text(column, 18, required);
        if (value is not null && !IsNip(value) && !(allowExternalId && IsExternalId(value)))
        {
            errors.Add(Line, column, "Import.NipFormat", value);
            return null;
        }

        return value;
    }

    public static bool IsNip(string value) => value.Length == 18 && value.All(char.IsAsciiDigit);

    private static bool IsExternalId(string value) =>
        value.Length >= 2 && char.IsAsciiLetterUpper(value[0]) && value.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '-');

    public decimal? Decimal(string column, bool required, bool positive)
    {
        var value = Raw(column);
        if (value.Length == 0)
        {
            if (required)
            {
                errors.Add(Line, column, "Import.Required");
            }

            return null;
        }

        // Spreadsheets under an Indonesian locale write "12,5"; a lone comma is a decimal comma.
        var normalised = value.Contains('.', StringComparison.Ordinal) ? value : value.Replace(',', '.');
        if (!decimal.TryParse(normalised, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            || number < 0 || (positive && number == 0) || number >= 100_000_000_000_000m)
        {
            errors.Add(Line, column, positive ? "Import.NotPositive" : "Import.NotNumber", value);
            return null;
        }

        return number;
    }

    public int? Int(string column, int min, int max, bool required = true)
    {
        var value = Raw(column);
        if (value.Length == 0)
        {
            if (required)
            {
                errors.Add(Line, column, "Import.Required");
            }

            return null;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            errors.Add(Line, column, "Import.OutOfRange", value, min, max);
            return null;
        }

        return number;
    }

    public bool? Bool(string column)
    {
        var value = Raw(column).ToLowerInvariant();
        switch (value)
        {
            case "":
                return null;
            case "ya" or "y" or "yes" or "true" or "1":
                return true;
            case "tidak" or "t" or "no" or "n" or "false" or "0":
                return false;
            default:
                errors.Add(Line, column, "Import.BadChoice", value, "ya, tidak");
                return null;
        }
    }

    public TEnum? Choice<TEnum>(string column, bool required)
        where TEnum : struct, Enum
    {
        var value = Raw(column);
        if (value.Length == 0)
        {
            if (required)
            {
                errors.Add(Line, column, "Import.Required");
            }

            return null;
        }

        if (!value.All(char.IsAsciiLetter) || !Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed))
        {
            errors.Add(Line, column, "Import.BadChoice", value, string.Join(", ", Enum.GetNames<TEnum>()));
            return null;
        }

        return parsed;
    }

    public string? TimeZone(string column)
    {
        var value = Text(column, 64);
        if (value is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(value, out _))
        {
            errors.Add(Line, column, "Import.BadTimeZone", value);
            return null;
        }

        return value;
    }
}

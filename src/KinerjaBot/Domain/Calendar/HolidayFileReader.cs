using System.Globalization;
using System.Text.Json;

namespace KinerjaBot.Domain;

// A hand-rolled reader rather than JsonSerializer: administrators edit this file by hand, and they need
// "entry 7 (line 12): 'kind' must be ..." instead of a serializer path, with unknown properties caught as typos.
internal sealed class HolidayFileReader
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly ReadOnlyMemory<byte> content;
    private readonly string source;

    private HolidayFileReader(ReadOnlyMemory<byte> content, string source)
    {
        this.content = content;
        this.source = source;
    }

    /// <summary>The file's own "source" text, once read.</summary>
    private string? fileSource;

    public static List<Holiday> Read(byte[] utf8, string source) => Read(utf8, source, out _);

    public static List<Holiday> Read(byte[] utf8, string source, out string? fileSource)
    {
        // Windows editors like to add a BOM, which Utf8JsonReader rejects.
        var body = utf8.AsSpan().StartsWith(Utf8Bom) ? utf8.AsMemory(Utf8Bom.Length) : utf8.AsMemory();
        var reader = new HolidayFileReader(body, source);
        var holidays = reader.ReadFile();
        fileSource = reader.fileSource;
        return holidays;
    }

    private List<Holiday> ReadFile()
    {
        var reader = new Utf8JsonReader(content.Span);
        try
        {
            if (!reader.Read())
            {
                throw Fail(1, null, "the file is empty; it must hold an object with a \"holidays\" array");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw Fail(LineOf(ref reader), null, "the file must hold a JSON object with a \"holidays\" array");
            }

            List<Holiday>? holidays = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var line = LineOf(ref reader);
                var name = reader.GetString()!;
                if (!seen.Add(name))
                {
                    throw Fail(line, null, $"the property \"{name}\" appears twice");
                }

                reader.Read();
                switch (name)
                {
                    case "source":
                        fileSource = ReadText(ref reader, line, null, "source");
                        break;
                    case "holidays":
                        holidays = ReadHolidays(ref reader, line);
                        break;
                    default:
                        throw Fail(line, null, $"unknown property \"{name}\"; expected \"source\" or \"holidays\"");
                }
            }

            // Reading past the root surfaces trailing garbage as a JsonException.
            reader.Read();
            return holidays ?? throw Fail(1, null, "the \"holidays\" array is missing");
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            throw new HolidayCalendarException(
                $"{source}: line {line}, column {column}: not valid JSON ({Reason(ex)}).", line, null, ex);
        }
    }

    private List<Holiday> ReadHolidays(ref Utf8JsonReader reader, int line)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Fail(line, null, "\"holidays\" must be an array of entries");
        }

        var holidays = new List<Holiday>();
        var entryOfDate = new Dictionary<DateOnly, int>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var entry = holidays.Count + 1;
            var entryLine = LineOf(ref reader);
            var holiday = ReadEntry(ref reader, entry, entryLine);
            if (entryOfDate.TryGetValue(holiday.Date, out var earlier))
            {
                throw Fail(entryLine, entry,
                    $"{holiday.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is already listed as entry {earlier}; give each date once, combining the names if two holidays coincide");
            }

            entryOfDate.Add(holiday.Date, entry);
            holidays.Add(holiday);
        }

        return holidays;
    }

    private Holiday ReadEntry(ref Utf8JsonReader reader, int entry, int entryLine)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Fail(entryLine, entry, "must be an object with \"date\", \"kind\" and \"name\"");
        }

        DateOnly? date = null;
        HolidayKind? kind = null;
        (string Id, string En)? names = null;
        var provisional = false;
        string? entrySource = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var line = LineOf(ref reader);
            var name = reader.GetString()!;
            if (!seen.Add(name))
            {
                throw Fail(line, entry, $"the property \"{name}\" appears twice");
            }

            reader.Read();
            switch (name)
            {
                case "date":
                    date = ParseDate(ReadText(ref reader, line, entry, "date"), line, entry);
                    break;
                case "kind":
                    kind = ParseKind(ReadText(ref reader, line, entry, "kind"), line, entry);
                    break;
                case "name":
                    names = ReadNames(ref reader, line, entry);
                    break;
                case "provisional":
                    provisional = reader.TokenType switch
                    {
                        JsonTokenType.True => true,
                        JsonTokenType.False => false,
                        _ => throw Fail(line, entry, "\"provisional\" must be true or false"),
                    };
                    break;
                case "source":
                    entrySource = ReadText(ref reader, line, entry, "source");
                    break;
                default:
                    throw Fail(line, entry, $"unknown property \"{name}\"; expected \"date\", \"kind\", \"name\", \"provisional\" or \"source\"");
            }
        }

        var (indonesian, english) = names ?? throw Missing("name", entryLine, entry);
        return new Holiday(
            date ?? throw Missing("date", entryLine, entry),
            kind ?? throw Missing("kind", entryLine, entry),
            indonesian,
            english,
            provisional,
            entrySource);
    }

    private (string Id, string En) ReadNames(ref Utf8JsonReader reader, int line, int entry)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Fail(line, entry, "\"name\" must be an object such as { \"id\": \"Hari Raya Natal\", \"en\": \"Christmas Day\" }");
        }

        string? id = null;
        string? en = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var nameLine = LineOf(ref reader);
            var language = reader.GetString()!;
            reader.Read();
            switch (language)
            {
                case "id" when id is null:
                    id = ReadText(ref reader, nameLine, entry, "name.id");
                    break;
                case "en" when en is null:
                    en = ReadText(ref reader, nameLine, entry, "name.en");
                    break;
                case "id" or "en":
                    throw Fail(nameLine, entry, $"the property \"name.{language}\" appears twice");
                default:
                    throw Fail(nameLine, entry, $"unknown language \"{language}\" in \"name\"; expected \"id\" and \"en\"");
            }
        }

        return (id ?? throw Missing("name.id", line, entry), en ?? throw Missing("name.en", line, entry));
    }

    private string ReadText(ref Utf8JsonReader reader, int line, int? entry, string property)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return string.IsNullOrWhiteSpace(text)
            ? throw Fail(line, entry, $"\"{property}\" must be a non-empty string")
            : text;
    }

    private DateOnly ParseDate(string text, int line, int entry) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Fail(line, entry, $"\"date\" must be a real date written yyyy-MM-dd, not \"{text}\"");

    private HolidayKind ParseKind(string text, int line, int entry) => text switch
    {
        "national" => HolidayKind.National,
        "collective" => HolidayKind.Collective,
        _ => throw Fail(line, entry, $"\"kind\" must be \"national\" (libur nasional) or \"collective\" (cuti bersama), not \"{text}\""),
    };

    private HolidayCalendarException Missing(string property, int line, int entry) =>
        Fail(line, entry, $"\"{property}\" is missing");

    private HolidayCalendarException Fail(int line, int? entry, string reason) =>
        new(entry is { } n ? $"{source}: entry {n} (line {line}): {reason}." : $"{source}: line {line}: {reason}.", line, entry);

    private int LineOf(ref Utf8JsonReader reader) =>
        content.Span[..(int)reader.TokenStartIndex].Count((byte)'\n') + 1;

    // The reader appends its own 0-based position, which would contradict the 1-based one in our message.
    private static string Reason(JsonException ex)
    {
        var message = ex.Message;
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (at < 0 ? message : message[..at]).TrimEnd('.', ' ');
    }
}

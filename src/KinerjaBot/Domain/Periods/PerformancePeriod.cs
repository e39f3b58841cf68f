using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace KinerjaBot.Domain;

/// <summary>The length of a performance period.</summary>
public enum PeriodKind
{
    Year,
    Quarter,
    Month,
}

/// <summary>A calendar year, quarter (triwulan) or month of performance management.</summary>
/// <remarks>
/// <see cref="Number"/> is 1 for a year, 1–4 for a quarter and 1–12 for a month.
/// The constructor validates; <c>default(PerformancePeriod)</c> is not a valid period.
/// </remarks>
public readonly record struct PerformancePeriod(int Year, PeriodKind Kind, int Number)
{
    public int Year { get; } = ValidYear(Year);

    public PeriodKind Kind { get; } = ValidKind(Kind);

    public int Number { get; } = ValidNumber(Kind, Number);

    /// <summary>The first day, inclusive.</summary>
    public DateOnly Start => new(Year, FirstMonth, 1);

    /// <summary>The last day, inclusive.</summary>
    public DateOnly End => Start.AddMonths(MonthCount).AddDays(-1);

    /// <summary>12, 3 or 1; used for part-year angka kredit.</summary>
    public int MonthCount => MonthsIn(Kind);

    /// <summary>"2026", "2026-Q3" or "2026-07".</summary>
    public string Code => Kind switch
    {
        PeriodKind.Year => Year.ToString("D4", CultureInfo.InvariantCulture),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Number}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Number:D2}"),
    };

    private int FirstMonth => (Number - 1) * MonthCount + 1;

    public static PerformancePeriod ForYear(int year) => new(year, PeriodKind.Year, 1);

    public static PerformancePeriod Quarter(int year, int q) => new(year, PeriodKind.Quarter, q);

    public static PerformancePeriod Month(int year, int m) => new(year, PeriodKind.Month, m);

    /// <summary>The period of the given kind that contains the date.</summary>
    public static PerformancePeriod Containing(DateOnly d, PeriodKind k) =>
        new(d.Year, k, (d.Month - 1) / MonthsIn(ValidKind(k)) + 1);

    public bool Contains(DateOnly d) => Start <= d && d <= End;

    /// <summary>The period of the same kind just before this one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Before year 1.</exception>
    public PerformancePeriod Previous() => Containing(Start.AddDays(-1), Kind);

    /// <summary>The period of the same kind just after this one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">After year 9999.</exception>
    public PerformancePeriod Next() => Containing(End.AddDays(1), Kind);

    /// <summary>Parses a <see cref="Code"/>; the quarter letter may be lower case, nothing else is lenient.</summary>
    public static bool TryParse([NotNullWhen(true)] string? code, out PerformancePeriod period)
    {
        period = default;
        if (code is null || code.Length < 4 || !TryParseDigits(code.AsSpan(0, 4), out var year) || year < 1)
        {
            return false;
        }

        var rest = code.AsSpan(4);
        if (rest.IsEmpty)
        {
            period = ForYear(year);
            return true;
        }

        if (rest.Length == 3 && rest[0] == '-' && (rest[1] is 'Q' or 'q') && rest[2] is >= '1' and <= '4')
        {
            period = Quarter(year, rest[2] - '0');
            return true;
        }

        if (rest.Length == 3 && rest[0] == '-' && TryParseDigits(rest[1..], out var month) && month is >= 1 and <= 12)
        {
            period = Month(year, month);
            return true;
        }

        return false;
    }

    /// <exception cref="FormatException">The code is not a period code.</exception>
    public static PerformancePeriod Parse(string code) =>
        TryParse(code, out var period)
            ? period
            : throw new FormatException($"'{code}' is not a period code such as 2026, 2026-Q3 or 2026-07.");

    public override string ToString() => Code;

    private static bool TryParseDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = value * 10 + (c - '0');
        }

        return true;
    }

    private static int MonthsIn(PeriodKind kind) => kind switch
    {
        PeriodKind.Year => 12,
        PeriodKind.Quarter => 3,
        _ => 1,
    };

    private static int ValidYear(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, DateOnly.MinValue.Year, nameof(Year));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, DateOnly.MaxValue.Year, nameof(Year));
        return year;
    }

    private static PeriodKind ValidKind(PeriodKind kind)
    {
        EnumGuard.EnsureDefined(kind, nameof(Kind));
        return kind;
    }

    private static int ValidNumber(PeriodKind kind, int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1, nameof(Number));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 12 / MonthsIn(kind), nameof(Number));
        return number;
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace KinerjaBot.Domain;

/// <summary>
/// A period as people type it: "TW2", "tw 2", "triwulan II 2026", "Q2", "2026-Q2", "tahunan 2026", "2026",
/// "quarter 2 of 2026", "annual 2026", and the month codes of <see cref="PerformancePeriod.TryParse"/>.
/// </summary>
/// <remarks>
/// Without a year, a quarter is the latest one with that number that has begun (in January "TW4" is the
/// fourth quarter of the year before), and the annual period is the year being appraised now: the current
/// year in December, the year before otherwise (appraisals open in a period's last month).
/// </remarks>
public static partial class PeriodInput
{
    [GeneratedRegex(
        @"^(?:(?<year>\d{4})\s*-?\s*q(?<n>[1-4])" +
        @"|(?:q|tw|triwulan|quarter)\s*(?<n>[1-4]|i{1,3}|iv)(?:\s*(?:tahun|of|/|-)?\s*(?<year>\d{4}))?" +
        @"|(?<annual>tahunan|tahun|annual|year)(?:\s+(?<year>\d{4}))?)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    public static bool TryParse(string? text, DateOnly today, out PerformancePeriod period)
    {
        period = default;
        var input = Spaces().Replace(text?.Trim() ?? "", " ");
        if (input.Length is 0 or > 40)
        {
            return false;
        }

        if (PerformancePeriod.TryParse(input.ToUpperInvariant(), out period))
        {
            return true;
        }

        var match = Pattern().Match(input);
        if (!match.Success)
        {
            return false;
        }

        int? year = match.Groups["year"].Success ? int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture) : null;
        if (year is 0)
        {
            return false;
        }

        if (match.Groups["annual"].Success)
        {
            period = PerformancePeriod.ForYear(year ?? (today.Month == 12 ? today.Year : today.Year - 1));
            return true;
        }

        var number = QuarterNumber(match.Groups["n"].Value);
        var quarterYear = year ?? (PerformancePeriod.Quarter(today.Year, number).Start <= today ? today.Year : today.Year - 1);
        period = PerformancePeriod.Quarter(quarterYear, number);
        return true;
    }

    private static int QuarterNumber(string text) => text.ToUpperInvariant() switch
    {
        "I" => 1,
        "II" => 2,
        "III" => 3,
        "IV" => 4,
        _ => text[0] - '0',
    };
}

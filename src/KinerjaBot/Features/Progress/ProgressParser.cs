using System.Text.RegularExpressions;

namespace KinerjaBot.Features.Progress;

/// <summary>
/// What a progress sentence says: a number, optionally "of N" or a percentage, and the words around it.
/// <see cref="Decimal"/> is set when the number could also be read as a decimal ("1.200": 1200 or 1,2);
/// the indicator's unit, or the user, decides.
/// </summary>
public sealed record ParsedProgress(decimal Value, decimal? OutOf, bool IsPercent, IReadOnlyList<string> Words, decimal? Decimal = null, bool IsMoney = false);

public enum ParseFailure
{
    NoNumber,
    Negative,
    TooLarge,
}

/// <summary>
/// Reads free-text progress in Indonesian or English: "selesai 3 dari 5 laporan pengaduan", "3/5", "60%",
/// "1.200 dokumen", "2,5 jam", "Rp 1.500.000", "1,5 juta", "finished 4 of 10 reports". Numbers follow
/// <see cref="NumberReading"/>; numbers that name an RHK or an indicator ("RHK-3", "indikator 2") are not
/// the value. Pure; the caller matches the words to indicators.
/// </summary>
public static partial class ProgressParser
{
    /// <summary>Above this no realisation value is plausible; it is refused rather than stored.</summary>
    public const decimal HardLimit = 1_000_000m;

    /// <summary>Budget realisation is counted in rupiah, where millions are ordinary.</summary>
    public const decimal MoneyLimit = 1_000_000_000_000_000m;

    // Command words and fillers that say nothing about which indicator is meant.
    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "lapor", "laporkan", "progres", "progress", "report", "log", "hari", "ini", "today", "selesai", "sudah", "telah",
        "done", "finished", "completed", "dari", "of", "dan", "and", "yang", "untuk", "for", "the", "a", "saya", "i",
        "sebanyak", "total", "realisasi", "capaian", "menyelesaikan", "membuat", "made", "kemarin", "yesterday", "persen", "percent",
        "rhk", "iki", "indikator", "indicator", "ribu", "juta", "miliar", "thousand", "million", "billion",
    };

    private const string Number = @"\d+(?:[.,]\d+)*";

    [GeneratedRegex(@"(?<neg>-\s*)?(?<rp>\bRp\.?\s*)?(?<num>" + Number + @")(?:\s*(?<mult>ribu|rb|juta|jt|miliar|thousand|million|billion)\b)?(?:\s*(?<pct>%|persen\b|percent\b)|\s*/\s*(?<of>" + Number + @")|\s+(?:dari|of)\s+(?<of>" + Number + "))?", RegexOptions.IgnoreCase)]
    private static partial Regex NumberPattern();

    // "RHK-3", "RHK 3", "RHK ke-2", "indikator 2", "IKI 1.2": a label, not a quantity.
    [GeneratedRegex(@"\b(?:RHK|IKI|indikator|indicator)\s*(?:ke\s*)?[-–.:#]?\s*\d+(?:[.,]\d+)*", RegexOptions.IgnoreCase)]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"\brupiah\b|\bIDR\b", RegexOptions.IgnoreCase)]
    private static partial Regex MoneyWord();

    [GeneratedRegex(@"[\p{L}]{3,}")]
    private static partial Regex WordPattern();

    public static bool TryParse(string text, out ParsedProgress? result, out ParseFailure failure)
    {
        result = null;
        failure = ParseFailure.NoNumber;
        var unlabelled = LabelPattern().Replace(text, " ");
        var match = NumberPattern().Matches(unlabelled).FirstOrDefault(m => NumberReading.TryRead(m.Groups["num"].Value, out _));
        if (match is null)
        {
            return false;
        }

        // "-3" is negative; "RHK-3" is a name.
        if (match.Groups["neg"].Success && (match.Index == 0 || !char.IsLetterOrDigit(unlabelled[match.Index - 1])))
        {
            failure = ParseFailure.Negative;
            return false;
        }

        NumberReading.TryRead(match.Groups["num"].Value, out var reading);
        var isMoney = match.Groups["rp"].Success || MoneyWord().IsMatch(unlabelled);
        var isPercent = match.Groups["pct"].Success;
        var multiplier = Multiplier(match.Groups["mult"].Value);
        var value = reading.Value * multiplier;
        var asDecimal = reading.Decimal * multiplier;
        if (isMoney || (isPercent && value > 100))
        {
            // Rupiah has no cents in use, and "99,125%" cannot be 99125 %: only one reading is left.
            value = isMoney ? value : asDecimal ?? value;
            asDecimal = null;
        }

        var limit = isMoney ? MoneyLimit : HardLimit;
        if (value > limit || (isPercent && value > 100))
        {
            failure = ParseFailure.TooLarge;
            return false;
        }

        decimal? outOf = null;
        if (match.Groups["of"].Success)
        {
            if (!NumberReading.TryRead(match.Groups["of"].Value, out var of) || of.Value > limit)
            {
                failure = ParseFailure.TooLarge;
                return false;
            }

            // The total only frames the value; "2,5 dari 7,500" reads it with the value's decimal sign.
            outOf = of.IsAmbiguous && value != decimal.Truncate(value) ? of.Decimal : of.Value;
        }

        var words = WordPattern().Matches(unlabelled).Select(m => m.Value.ToLowerInvariant()).Where(w => !StopWords.Contains(w)).Distinct().ToList();
        result = new ParsedProgress(value, outOf, isPercent, words, asDecimal, isMoney);
        return true;
    }

    /// <summary>The largest value an indicator with this unit accepts.</summary>
    public static decimal LimitFor(string unit) => IndicatorUnits.IsMoney(unit) ? MoneyLimit : HardLimit;

    private static decimal Multiplier(string word) => word.ToLowerInvariant() switch
    {
        "ribu" or "rb" or "thousand" => 1_000m,
        "juta" or "jt" or "million" => 1_000_000m,
        "miliar" or "billion" => 1_000_000_000m,
        _ => 1m,
    };
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace KinerjaBot.Features.Progress;

/// <summary>What a progress sentence says: a number, optionally "of N" or a percentage, and the words around it.</summary>
public sealed record ParsedProgress(decimal Value, decimal? OutOf, bool IsPercent, IReadOnlyList<string> Words);

public enum ParseFailure
{
    NoNumber,
    Negative,
    TooLarge,
}

/// <summary>
/// Reads free-text progress in Indonesian or English: "selesai 3 dari 5 laporan pengaduan", "3/5", "60%",
/// "2 dokumen", "2,5 jam", "finished 4 of 10 reports". Pure; the caller matches the words to indicators.
/// </summary>
public static partial class ProgressParser
{
    /// <summary>Above this no realisation value is plausible; it is refused rather than stored.</summary>
    public const decimal HardLimit = 1_000_000m;

    // Command words and fillers that say nothing about which indicator is meant.
    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "lapor", "laporkan", "progres", "progress", "report", "log", "hari", "ini", "today", "selesai", "sudah", "telah",
        "done", "finished", "completed", "dari", "of", "dan", "and", "yang", "untuk", "for", "the", "a", "saya", "i",
        "sebanyak", "total", "realisasi", "capaian", "menyelesaikan", "membuat", "made", "kemarin", "yesterday", "persen", "percent",
    };

    [GeneratedRegex(@"(?<neg>-\s*)?(?<num>\d+(?:[.,]\d+)?)(?:\s*(?<pct>%|persen\b|percent\b)|\s*/\s*(?<of>\d+(?:[.,]\d+)?)|\s+(?:dari|of)\s+(?<of>\d+(?:[.,]\d+)?))?", RegexOptions.IgnoreCase)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"[\p{L}]{3,}")]
    private static partial Regex WordPattern();

    public static bool TryParse(string text, out ParsedProgress? result, out ParseFailure failure)
    {
        result = null;
        failure = ParseFailure.NoNumber;
        var match = NumberPattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        // "-3" is negative; "RHK-3" is a name.
        if (match.Groups["neg"].Success && (match.Index == 0 || !char.IsLetterOrDigit(text[match.Index - 1])))
        {
            failure = ParseFailure.Negative;
            return false;
        }

        if (!TryNumber(match.Groups["num"].Value, out var value) || value > HardLimit)
        {
            failure = ParseFailure.TooLarge;
            return false;
        }

        decimal? outOf = null;
        if (match.Groups["of"].Success)
        {
            if (!TryNumber(match.Groups["of"].Value, out var of) || of > HardLimit)
            {
                failure = ParseFailure.TooLarge;
                return false;
            }

            outOf = of;
        }

        var isPercent = match.Groups["pct"].Success;
        if (isPercent && value > 100)
        {
            failure = ParseFailure.TooLarge;
            return false;
        }

        var words = WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant()).Where(w => !StopWords.Contains(w)).Distinct().ToList();
        result = new ParsedProgress(value, outOf, isPercent, words);
        return true;
    }

    /// <summary>Parses a number typed the Indonesian way ("2,5") or the English way ("2.5").</summary>
    public static bool TryNumber(string text, out decimal value)
    {
        var normalized = text.Trim().Replace(',', '.');
        return decimal.TryParse(normalized, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
               && value <= HardLimit * 1000;
    }
}

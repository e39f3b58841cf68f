using System.Globalization;
using System.Resources;

namespace KinerjaBot.Localization;

/// <summary>
/// User-facing text from Strings.resx (Bahasa Indonesia, the neutral language) and Strings.en.resx.
/// A missing key throws: tests render every card in both languages, so a typo cannot ship.
/// </summary>
public sealed class Texts
{
    public const string Indonesian = "id";
    public const string English = "en";

    private static readonly ResourceManager Resources = new("KinerjaBot.Localization.Strings", typeof(Texts).Assembly);
    private static readonly Texts IdTexts = new(Indonesian);
    private static readonly Texts EnTexts = new(English);
    private static readonly string[] RomanQuarters = ["I", "II", "III", "IV"];

    private Texts(string language)
    {
        Language = language;
        Culture = CultureInfo.GetCultureInfo(language == English ? "en-GB" : "id-ID");
    }

    public string Language { get; }

    /// <summary>Formatting culture for dates and numbers.</summary>
    public CultureInfo Culture { get; }

    public static Texts For(string? language) => language == English ? EnTexts : IdTexts;

    /// <summary>"id" or "en" from a Teams locale such as "en-US" or "id-ID"; Indonesian unless clearly English.</summary>
    public static string LanguageOf(string? locale) =>
        locale is not null && locale.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : Indonesian;

    public string this[string key] =>
        Resources.GetString(key, Language == English ? CultureInfo.GetCultureInfo("en") : CultureInfo.InvariantCulture)
        ?? throw new KeyNotFoundException($"No text '{key}' for language '{Language}'.");

    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);

    public string Number(decimal value) => value.ToString("#,0.##", Culture);

    public string Date(DateOnly date) => date.ToString("d MMMM yyyy", Culture);

    /// <summary>
    /// The one way a period is named to people: "Triwulan III Tahun 2026", "Tahun 2026", "November 2026"
    /// (English "Quarter III of 2026", "Year 2026"); never the stored code "2026-Q3".
    /// </summary>
    public string Period(KinerjaBot.Domain.PerformancePeriod period) => period.Kind switch
    {
        KinerjaBot.Domain.PeriodKind.Quarter => Format("Period.Quarter", RomanQuarters[period.Number - 1], period.Year.ToString(CultureInfo.InvariantCulture)),
        KinerjaBot.Domain.PeriodKind.Year => Format("Period.Year", period.Year.ToString(CultureInfo.InvariantCulture)),
        _ => period.Start.ToString("MMMM yyyy", Culture),
    };
}

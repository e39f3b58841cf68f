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

    /// <remarks>
    /// A name that ends in a degree ("Rina Marlina, S.Sos., M.AP.") already carries the full stop a sentence
    /// would add after it: the text's own stop is dropped there, so no sentence ends in "..".
    /// </remarks>
    public string Format(string key, params object?[] args)
    {
        var format = this[key];
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is string s && s.EndsWith('.') && !s.EndsWith("..", StringComparison.Ordinal))
            {
                format = format.Replace("{" + i.ToString(CultureInfo.InvariantCulture) + "}.", "{" + i.ToString(CultureInfo.InvariantCulture) + "}", StringComparison.Ordinal);
            }
        }

        return string.Format(Culture, format, args);
    }

    public string Number(decimal value) => value.ToString("#,0.##", Culture);

    public string Date(DateOnly date) => date.ToString("d MMMM yyyy", Culture);
}

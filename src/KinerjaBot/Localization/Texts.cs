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
    private static readonly Texts IdTexts = new(Indonesian, null);
    private static readonly Texts EnTexts = new(English, null);
    private static readonly string[] RomanQuarters = ["I", "II", "III", "IV"];

    private readonly string? _contact;

    private Texts(string language, string? contact)
    {
        Language = language;
        Culture = CultureInfo.GetCultureInfo(language == English ? "en-GB" : "id-ID");
        _contact = string.IsNullOrWhiteSpace(contact) ? null : contact.Trim();
    }

    public string Language { get; }

    /// <summary>Formatting culture for dates and numbers.</summary>
    public CultureInfo Culture { get; }

    public static Texts For(string? language) => language == English ? EnTexts : IdTexts;

    /// <summary>
    /// The organisation's language (<c>Localization:DefaultLanguage</c>, Indonesian unless set). A deployment
    /// serves one organisation, so it is set once at start.
    /// </summary>
    public static string OrganisationDefault { get; private set; } = Indonesian;

    internal static void UseOrganisationDefault(string? language) =>
        OrganisationDefault = language is English ? English : Indonesian;

    /// <summary>
    /// A person's texts: their own choice, else the organisation's language. Never the Teams client's locale:
    /// an Indonesian civil servant whose Teams is in English still reads Indonesian until they choose English.
    /// </summary>
    public static Texts ForPerson(string? chosen) => For(chosen ?? OrganisationDefault);

    /// <param name="contact">The organisation's <see cref="OrganisationOptions.PerformanceContact"/>; null = the generic one.</param>
    public static Texts For(string? language, string? contact) =>
        string.IsNullOrWhiteSpace(contact) ? For(language) : new Texts(language == English ? English : Indonesian, contact);

    /// <summary>The same organisation's texts in another language (the user switched).</summary>
    public Texts In(string? language) => For(language, _contact);

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

    /// <summary>
    /// The text of <paramref name="key"/> followed by whom to contact about it: every "ask the pengelola kinerja"
    /// message names the one configured contact, in one wording.
    /// </summary>
    public string WithContact(string key) => this[key] + " " + Format("Common.Contact", _contact ?? this["Common.Contact.Default"]);

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

namespace KinerjaBot.Domain;

/// <summary>The seven BerAKHLAK core values, against which perilaku kerja is rated (DOMAIN.md §3).</summary>
public enum BerAkhlakValue
{
    BerorientasiPelayanan,
    Akuntabel,
    Kompeten,
    Harmonis,
    Loyal,
    Adaptif,
    Kolaboratif,
}

/// <summary>
/// Stable codes for the values and their three panduan perilaku each. Display text, including the guides'
/// wording, belongs to localization; <see cref="IndonesianName"/> is the value's proper name, not a translation.
/// </summary>
public static class BerAkhlak
{
    private static readonly Dictionary<BerAkhlakValue, (string Code, string Name, string[] Guides)> Values = new()
    {
        [BerAkhlakValue.BerorientasiPelayanan] = ("berorientasi-pelayanan", "Berorientasi Pelayanan",
            ["understand-and-meet-needs", "friendly-responsive-reliable", "continuous-improvement"]),
        [BerAkhlakValue.Akuntabel] = ("akuntabel", "Akuntabel",
            ["honest-responsible-disciplined", "responsible-use-of-state-property", "no-abuse-of-authority"]),
        [BerAkhlakValue.Kompeten] = ("kompeten", "Kompeten",
            ["keep-improving-competence", "help-others-learn", "best-quality-work"]),
        [BerAkhlakValue.Harmonis] = ("harmonis", "Harmonis",
            ["respect-everyone", "help-others", "conducive-workplace"]),
        [BerAkhlakValue.Loyal] = ("loyal", "Loyal",
            ["uphold-pancasila-and-state", "protect-good-name", "keep-state-secrets"]),
        [BerAkhlakValue.Adaptif] = ("adaptif", "Adaptif",
            ["adapt-to-change", "innovate-and-create", "act-proactively"]),
        [BerAkhlakValue.Kolaboratif] = ("kolaboratif", "Kolaboratif",
            ["let-others-contribute", "open-to-cooperation", "mobilise-shared-resources"]),
    };

    /// <summary>The values in the order of the acronym.</summary>
    public static IReadOnlyList<BerAkhlakValue> All { get; } = Enum.GetValues<BerAkhlakValue>();

    /// <summary>"Berorientasi Pelayanan", "Akuntabel", …</summary>
    public static string IndonesianName(BerAkhlakValue value) => Entry(value).Name;

    /// <summary>A stable kebab-case code such as "berorientasi-pelayanan", for storage, card data and resource keys.</summary>
    public static string Code(BerAkhlakValue value) => Entry(value).Code;

    /// <summary>The codes of the value's three panduan perilaku, e.g. "akuntabel.no-abuse-of-authority".</summary>
    public static IReadOnlyList<string> GuideCodes(BerAkhlakValue value)
    {
        var (code, _, guides) = Entry(value);
        return [.. guides.Select(g => $"{code}.{g}")];
    }

    public static bool TryParseCode(string? code, out BerAkhlakValue value)
    {
        foreach (var (candidate, entry) in Values)
        {
            if (string.Equals(entry.Code, code, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static (string Code, string Name, string[] Guides) Entry(BerAkhlakValue value)
    {
        EnumGuard.EnsureDefined(value);
        return Values[value];
    }
}

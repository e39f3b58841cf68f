using System.Globalization;

namespace KinerjaBot.Domain.Names;

/// <summary>
/// The part of a full name that follows "Bapak"/"Ibu" when the bot addresses someone: "Drs. Hendra Gunawan, M.Si."
/// is "Hendra", "I Made Suarta" is "Suarta", "Tua Simanjuntak" is "Simanjuntak". The rules, in order:
/// <list type="number">
/// <item>Academic and professional degrees after the name (", S.Sos., M.AP.", "S.Kom") are not names: everything
/// after the first comma goes, and so do trailing words shaped like a degree (letters with inner dots).</item>
/// <item>Titles before the name (Dr., dr., Ir., Drs., Dra., Prof., H., Hj., KH., R., Rr., Raden, and the
/// "Muhammad" that opens many names: "Pak Rizki", not "Pak Muhammad") are skipped.</item>
/// <item>Balinese names open with particles that say sex (I, Ni), caste (Ida Bagus, Anak Agung, Gusti, Cokorda,
/// Dewa, Desak, Ngurah) and birth order (Wayan, Putu, Gede, Made, Kadek, Nengah, Nyoman, Komang, Ketut, and Luh
/// for women). They are shared by half an office, so the personal name after them is used: "Bapak Suarta",
/// "Ibu Ayu". If nothing but particles is left, the last one is the name ("Bapak Made").</item>
/// <item>Batak men are addressed by their marga, the last word of the name, as is usual in the offices of North
/// Sumatra ("Bapak Simanjuntak", "Bapak Nasution"). Batak women are addressed by their given name ("Ibu Rina" for
/// Rina br. Siregar): the marga they carry is their father's, and office usage for women is not uniform; the
/// given name is never wrong.</item>
/// <item>Everyone else, including single names ("Sukarno"), by the first remaining word, as Indonesians
/// address one another ("Ibu Siti" for Siti Nurhaliza).</item>
/// </list>
/// Names typed in capitals ("I MADE SUARTA", as some personnel systems export them) come out capitalised once.
/// Pure, so that every rule has a test.
/// </summary>
public static class AddressName
{
    private static readonly HashSet<string> TitlesBefore = new(StringComparer.OrdinalIgnoreCase)
    {
        "dr", "drs", "dra", "ir", "prof", "h", "hj", "kh", "r", "rr", "raden", "ny", "nn", "tn", "drg", "apt", "ns", "bd",
        "muhammad", "mohammad", "mohamad", "muhamad", "mochammad", "mochamad", "moch", "moh", "muh", "mhd", "m",
    };

    private static readonly HashSet<string> BalineseParticles = new(StringComparer.OrdinalIgnoreCase)
    {
        "i", "ni", "ida", "bagus", "ayu", "anak", "agung", "gusti", "cokorda", "tjokorda", "dewa", "desak", "ngurah",
        "wayan", "putu", "gede", "made", "kadek", "nengah", "nyoman", "komang", "ketut", "luh", "iluh",
    };

    // The particles that can open a Balinese name. "Ayu" and "Agung" open other names too ("Ayu Lestari"),
    // so they count as particles only after one of these.
    private static readonly HashSet<string> BalineseOpeners = new(StringComparer.OrdinalIgnoreCase)
    {
        "i", "ni", "ida", "anak", "gusti", "cokorda", "tjokorda", "dewa", "desak", "wayan", "putu", "gede", "made", "kadek",
        "nengah", "nyoman", "komang", "ketut", "luh", "iluh",
    };

    // Batak marga common among civil servants (Toba, Mandailing, Karo, Simalungun, Pakpak).
    private static readonly HashSet<string> BatakMarga = new(StringComparer.OrdinalIgnoreCase)
    {
        "simanjuntak", "siregar", "sitorus", "nasution", "harahap", "lubis", "hutagalung", "hutapea", "panjaitan", "pardede",
        "simatupang", "sihombing", "silalahi", "sinaga", "situmorang", "tambunan", "tampubolon", "manurung", "napitupulu",
        "nainggolan", "pasaribu", "purba", "saragih", "damanik", "sembiring", "ginting", "tarigan", "sitepu", "barus",
        "hasibuan", "pohan", "rangkuti", "daulay", "batubara", "simbolon", "sirait", "marpaung", "butarbutar", "gultom",
        "hutabarat", "hutauruk", "lumbantobing", "tobing", "matondang", "sianturi", "simamora", "sibarani", "silitonga",
        "sitompul", "samosir", "sagala", "aritonang", "rajagukguk", "sihotang", "munthe", "sinurat", "siahaan", "pakpahan",
        "pangaribuan", "hutasoit", "situmeang", "sinambela", "simorangkir", "panggabean", "malau", "sijabat", "siagian",
        "ritonga", "dalimunthe", "girsang", "sipayung", "siallagan", "simarmata", "sidabutar", "nababan", "perangin-angin",
        "karo-karo", "sinulingga", "surbakti", "bangun", "keliat", "pinem", "meliala", "sebayang", "manik", "berutu",
    };

    /// <param name="fullName">The name as imported, degrees and all.</param>
    /// <param name="isWoman">True for "Ibu": decides only whether a Batak marga is used.</param>
    public static string Of(string fullName, bool isWoman)
    {
        var beforeComma = fullName.Split(',')[0];
        var words = beforeComma.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();

        while (words.Count > 1 && IsDegree(words[^1]))
        {
            words.RemoveAt(words.Count - 1);
        }

        while (words.Count > 1 && TitlesBefore.Contains(words[0].TrimEnd('.')))
        {
            words.RemoveAt(0);
        }

        if (words.Count == 0)
        {
            return fullName.Trim();
        }

        if (BalineseOpeners.Contains(words[0]))
        {
            var personal = words.SkipWhile(w => BalineseParticles.Contains(w)).FirstOrDefault();
            return Capitalise(personal ?? words[^1]);
        }

        // "br." / "boru" marks a Batak woman; the marga follows it.
        var boru = words.FindIndex(w => w.TrimEnd('.').Equals("br", StringComparison.OrdinalIgnoreCase) || w.Equals("boru", StringComparison.OrdinalIgnoreCase));
        if (boru > 0)
        {
            return Capitalise(words[0]);
        }

        if (!isWoman && words.Count > 1 && BatakMarga.Contains(words[^1]))
        {
            return Capitalise(words[^1]);
        }

        return Capitalise(words[0]);
    }

    // "S.Sos.", "M.AP", "A.Md.Kep", "S.Kom": short letter groups joined by dots. A name never has an inner dot.
    private static bool IsDegree(string word)
    {
        var trimmed = word.TrimEnd('.');
        return trimmed.Contains('.') && trimmed.Split('.').All(part => part.Length is >= 1 and <= 4 && part.All(char.IsLetter));
    }

    private static string Capitalise(string word)
    {
        var clean = word.TrimEnd('.', ',');
        if (clean.Length < 2 || clean.Any(char.IsLower))
        {
            return clean;
        }

        return clean[0] + clean[1..].ToLower(CultureInfo.GetCultureInfo("id-ID"));
    }
}

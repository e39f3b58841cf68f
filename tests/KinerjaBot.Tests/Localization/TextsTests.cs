using System.Text.RegularExpressions;
using System.Xml.Linq;
using KinerjaBot.Localization;
using KinerjaBot.Tests.Support;

namespace KinerjaBot.Tests.Localization;

public sealed partial class TextsTests
{
    private static string Resx(string name) => Path.Combine(RepositoryRoot.Find()!, "src", "KinerjaBot", "Localization", name);

    private static Dictionary<string, string> Keys(string file) =>
        XDocument.Load(Resx(file)).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    [Fact]
    public void Resources_EveryKey_ExistsInBothLanguagesWithTheSamePlaceholders()
    {
        var indonesian = Keys("Strings.resx");
        var english = Keys("Strings.en.resx");

        Assert.Equal(indonesian.Keys.Order(), english.Keys.Order());
        foreach (var (key, value) in indonesian.Where(k => !AddressKeys.Contains(k.Key)))
        {
            Assert.Equal(Placeholders(value), Placeholders(english[key]));
            Assert.False(string.IsNullOrWhiteSpace(english[key]), key);
        }
    }

    [Theory]
    [InlineData("Rina Marlina, S.Sos., M.AP.", "Permintaan umpan balik terkirim kepada Rina Marlina, S.Sos., M.AP.")]
    [InlineData("Siti Nurhaliza", "Permintaan umpan balik terkirim kepada Siti Nurhaliza.")]
    public void Format_NameEndingInADegree_EndsTheSentenceWithOneFullStop(string name, string expected) =>
        Assert.Equal(expected, Texts.For(Texts.Indonesian).Format("Feedback.Sent", name));

    // English addresses people by name alone; only Indonesian uses the salutation ({0}).
    private static readonly HashSet<string> AddressKeys = ["Common.YouAddress"];

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();

    private static string[] Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).Distinct().Order().ToArray();

    [GeneratedRegex(@"(?:T|t)(?:\[|\.Format\(|\.WithContact\()\s*""([A-Za-z0-9.]+)""")]
    private static partial Regex KeyUse();

    [Fact]
    public void Source_EveryLiteralKeyUsed_Exists()
    {
        var known = Keys("Strings.resx").Keys.ToHashSet();
        var source = Path.Combine(RepositoryRoot.Find()!, "src", "KinerjaBot");
        var used = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => KeyUse().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .ToList();

        // Keys ending in '.' are prefixes completed with an enum value; every value is covered by the card gallery.
        used = used.Where(u => !u.Key.EndsWith('.')).ToList();
        Assert.NotEmpty(used);
        Assert.All(used, u => Assert.True(known.Contains(u.Key), $"{u.File} uses missing text '{u.Key}'"));
    }

    // Words a government letter does not use, and the wordings replaced for the formal ones: "Tetapkan", "Periksa",
    // "pejabat penilai", "Plt/Plh", "tidak berlaku", "Mohon maaf", "dapat", the person's own address instead of "Bapak/Ibu".
    [GeneratedRegex(@"\b(?:finalkan|memfinalkan|difinalkan|cek|usang|mengimpor|pelaksana tugasnya|kamu|gak|nggak|enggak|ngga|udah|udh|sdh|tdk|aja|dong|nih|sih|deh|kok|gimana|banget|bikin|cuma|oke|bisa)\b"
        + @"|\b(?:ke|kepada) atasan\b(?! pejabat penilai)|\bcatatan atasan\b|\batasan anda\b|bapak/ibu|(?<!mohon )\bmaaf\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex InformalOrReplaced();

    [Fact]
    public void Resources_Indonesian_ReadLikeAFormalLetter()
    {
        var offending = Keys("Strings.resx")
            .Select(k => (k.Key, Match: InformalOrReplaced().Match(k.Value)))
            .Where(k => k.Match.Success)
            .Select(k => $"{k.Key}: \"{k.Match.Value}\"")
            .ToList();

        Assert.True(offending.Count == 0, "Informal or replaced wording:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void WithContact_ConfiguredOrNot_EndsWithTheOneContactSentence()
    {
        Assert.Equal("Belum ada SKP tahun ini untuk Anda di KinerjaBot. Silakan hubungi BKPSDM Kab. Sleman, ext. 12.",
            Texts.For("id", "  BKPSDM Kab. Sleman, ext. 12 ").WithContact("Progress.NoSkp"));
        Assert.Equal("There is no SKP for you this year in KinerjaBot yet. Please contact BKPSDM Kab. Sleman, ext. 12.",
            Texts.For("id", "BKPSDM Kab. Sleman, ext. 12").In("en").WithContact("Progress.NoSkp"));
        Assert.Equal("Anda belum memiliki pejabat penilai di KinerjaBot. Silakan hubungi pengelola kinerja di unit kepegawaian (BKPSDM) instansi Anda.",
            Texts.For("id", " ").WithContact("Appraisal.NoRater"));
    }

    [Fact]
    public void LanguageOf_TeamsLocales_MapsToIndonesianUnlessEnglish()
    {
        Assert.Equal("en", Texts.LanguageOf("en-US"));
        Assert.Equal("id", Texts.LanguageOf("id-ID"));
        Assert.Equal("id", Texts.LanguageOf(null));
        Assert.Equal("id", Texts.LanguageOf("ja-JP"));
        Assert.Equal("Sorry, something went wrong on our side. Your data is safe; please try again in a moment.", Texts.For("en")["Common.Error"]);
    }
}

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

    [GeneratedRegex(@"(?:T|t)(?:\[|\.Format\()\s*""([A-Za-z0-9.]+)""")]
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

using System.Text.RegularExpressions;
using KinerjaBot.Domain;

namespace KinerjaBot.Tests.Domain.Behaviour;

public partial class BerAkhlakTests
{
    [Fact]
    public void All_IsTheSevenValuesInAcronymOrder()
    {
        Assert.Equal(
            [
                BerAkhlakValue.BerorientasiPelayanan, BerAkhlakValue.Akuntabel, BerAkhlakValue.Kompeten, BerAkhlakValue.Harmonis,
                BerAkhlakValue.Loyal, BerAkhlakValue.Adaptif, BerAkhlakValue.Kolaboratif,
            ],
            BerAkhlak.All);
        Assert.Equal("BerAKHLAK", "Ber" + string.Concat(BerAkhlak.All.Skip(1).Select(v => BerAkhlak.IndonesianName(v)[0])));
    }

    [Theory]
    [InlineData(BerAkhlakValue.BerorientasiPelayanan, "Berorientasi Pelayanan", "berorientasi-pelayanan")]
    [InlineData(BerAkhlakValue.Akuntabel, "Akuntabel", "akuntabel")]
    [InlineData(BerAkhlakValue.Kompeten, "Kompeten", "kompeten")]
    [InlineData(BerAkhlakValue.Harmonis, "Harmonis", "harmonis")]
    [InlineData(BerAkhlakValue.Loyal, "Loyal", "loyal")]
    [InlineData(BerAkhlakValue.Adaptif, "Adaptif", "adaptif")]
    [InlineData(BerAkhlakValue.Kolaboratif, "Kolaboratif", "kolaboratif")]
    public void NameAndCode_ArePinned(BerAkhlakValue value, string name, string code)
    {
        Assert.Equal(name, BerAkhlak.IndonesianName(value));
        Assert.Equal(code, BerAkhlak.Code(value));
        Assert.True(BerAkhlak.TryParseCode(code, out var parsed));
        Assert.Equal(value, parsed);
    }

    [Fact]
    public void GuideCodes_AreThreePerValue_UniqueStableKebabCase()
    {
        var all = BerAkhlak.All.SelectMany(v => BerAkhlak.GuideCodes(v).Select(g => (Value: v, Code: g))).ToList();

        Assert.All(BerAkhlak.All, v => Assert.Equal(3, BerAkhlak.GuideCodes(v).Count));
        Assert.Equal(21, all.Select(g => g.Code).Distinct().Count());
        Assert.All(all, g =>
        {
            Assert.StartsWith(BerAkhlak.Code(g.Value) + ".", g.Code, StringComparison.Ordinal);
            Assert.Matches(GuideCodePattern(), g.Code);
        });
        Assert.Contains("akuntabel.no-abuse-of-authority", BerAkhlak.GuideCodes(BerAkhlakValue.Akuntabel));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Akuntabel")]
    [InlineData("berorientasi pelayanan")]
    [InlineData("akuntabel.no-abuse-of-authority")]
    public void TryParseCode_Unknown_ReturnsFalse(string? code)
    {
        Assert.False(BerAkhlak.TryParseCode(code, out _));
    }

    [Fact]
    public void UndefinedValue_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BerAkhlak.Code((BerAkhlakValue)7));
        Assert.Throws<ArgumentOutOfRangeException>(() => BerAkhlak.IndonesianName((BerAkhlakValue)(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => BerAkhlak.GuideCodes((BerAkhlakValue)7));
    }

    [GeneratedRegex("^[a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*$")]
    private static partial Regex GuideCodePattern();
}

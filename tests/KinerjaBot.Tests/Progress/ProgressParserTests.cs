using KinerjaBot.Features.Progress;

namespace KinerjaBot.Tests.Progress;

public sealed class ProgressParserTests
{
    [Theory]
    [InlineData("selesai 3 dari 5 laporan pengaduan", 3, 5.0)]
    [InlineData("3/5", 3, 5.0)]
    [InlineData("finished 4 of 10 reports", 4, 10.0)]
    [InlineData("60%", 60, null)]
    [InlineData("60 persen", 60, null)]
    [InlineData("2 dokumen", 2, null)]
    [InlineData("2,5 jam", 2.5, null)]
    [InlineData("RHK-3 selesai 7 dokumen", 7, null)]
    [InlineData("RHK 3 indikator 2 selesai 7 dokumen", 7, null)]
    [InlineData("lapor 1.200 dokumen", 1200, null)]
    [InlineData("Rp 1.500.000 realisasi anggaran", 1500000, null)]
    [InlineData("realisasi anggaran Rp1.500.000,-", 1500000, null)]
    [InlineData("realisasi Rp 1,5 juta", 1500000, null)]
    [InlineData("1.234.567,89 rupiah", 1234567.89, null)]
    [InlineData("12,5 jam", 12.5, null)]
    [InlineData("1,200.5 tons", 1200.5, null)]
    [InlineData("selesai 1.200 dari 2.400 dokumen", 1200, 2400.0)]
    public void TryParse_ValidSentences_ReadsValueAndOutOf(string text, double value, double? outOf)
    {
        Assert.True(ProgressParser.TryParse(text, out var parsed, out _));
        Assert.Equal((decimal)value, parsed!.Value);
        Assert.Equal(outOf is null ? null : (decimal?)outOf, parsed.OutOf);
    }

    [Fact]
    public void TryParse_Percent_IsMarkedAndWordsExcludeFillers()
    {
        Assert.True(ProgressParser.TryParse("hari ini selesai 60% laporan pengaduan", out var parsed, out _));

        Assert.True(parsed!.IsPercent);
        Assert.Equal(["laporan", "pengaduan"], parsed.Words);
    }

    [Theory]
    [InlineData("-3 laporan", ParseFailure.Negative)]
    [InlineData("selesai -2 dokumen", ParseFailure.Negative)]
    [InlineData("5000000 dokumen", ParseFailure.TooLarge)]
    [InlineData("150%", ParseFailure.TooLarge)]
    [InlineData("3 dari 9000000", ParseFailure.TooLarge)]
    [InlineData("banyak sekali", ParseFailure.NoNumber)]
    [InlineData("", ParseFailure.NoNumber)]
    public void TryParse_BadValues_FailWithReason(string text, ParseFailure expected)
    {
        Assert.False(ProgressParser.TryParse(text, out var parsed, out var failure));
        Assert.Null(parsed);
        Assert.Equal(expected, failure);
    }

    [Fact]
    public void Rank_WordsMatchingOneIndicator_ReturnsItAlone()
    {
        var indicators = new List<IndicatorChoice>
        {
            new(1, "Jumlah KTP-el yang diterbitkan", "dokumen", "Penerbitan dokumen"),
            new(2, "Jumlah laporan pengaduan yang diselesaikan", "laporan pengaduan", "Pengaduan"),
        };

        Assert.Equal([2], IndicatorMatcher.Rank(["laporan", "pengaduan"], indicators).Select(i => i.Id));
        Assert.Equal([1, 2], IndicatorMatcher.Rank(["sesuatu"], indicators).Select(i => i.Id));
    }

    [Fact]
    public void Rank_SameUnitOnTwoIndicators_IsAmbiguous()
    {
        var indicators = new List<IndicatorChoice>
        {
            new(1, "Jumlah KTP-el yang diterbitkan", "dokumen", "Penerbitan"),
            new(2, "Jumlah Kartu Keluarga yang diterbitkan", "dokumen", "Penerbitan"),
        };

        Assert.Equal(2, IndicatorMatcher.Rank(["dokumen"], indicators).Count);
        Assert.Equal([2], IndicatorMatcher.Rank(["kartu", "keluarga"], indicators).Select(i => i.Id));
    }
}

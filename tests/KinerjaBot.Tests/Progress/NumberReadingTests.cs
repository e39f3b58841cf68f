using System.Globalization;
using KinerjaBot.Features.Progress;
using KinerjaBot.Localization;

namespace KinerjaBot.Tests.Progress;

public sealed class NumberReadingTests
{
    private static readonly CultureInfo Id = CultureInfo.GetCultureInfo("id-ID");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-US");

    [Theory]
    [InlineData("1.500.000", 1500000)]
    [InlineData("1,500,000", 1500000)]
    [InlineData("1.234.567,89", 1234567.89)]
    [InlineData("1,234,567.89", 1234567.89)]
    [InlineData("1,200.5", 1200.5)]
    [InlineData("1.200,5", 1200.5)]
    [InlineData("12,5", 12.5)]
    [InlineData("12.5", 12.5)]
    [InlineData("0,125", 0.125)]
    [InlineData("1234,567", 1234.567)]
    [InlineData("1,25", 1.25)]
    [InlineData("1,2500", 1.25)]
    [InlineData("7", 7)]
    public void TryRead_OneReading_GivesIt(string text, double expected)
    {
        Assert.True(NumberReading.TryRead(text, out var reading));
        Assert.False(reading.IsAmbiguous);
        Assert.Equal((decimal)expected, reading.Value);
    }

    [Theory]
    [InlineData("1.200", 1200, 1.2, '.')]
    [InlineData("1,200", 1200, 1.2, ',')]
    [InlineData("999.999", 999999, 999.999, '.')]
    [InlineData("12,345", 12345, 12.345, ',')]
    public void TryRead_SingleSeparatorBeforeThreeDigits_HasBothReadings(string text, double grouped, double asDecimal, char separator)
    {
        Assert.True(NumberReading.TryRead(text, out var reading));
        Assert.Equal((decimal)grouped, reading.Value);
        Assert.Equal((decimal)asDecimal, reading.Decimal);
        Assert.Equal(separator, reading.Separator);
    }

    [Theory]
    [InlineData("1.2.3")]
    [InlineData("1.20.000")]
    [InlineData("1,200,5")]
    [InlineData("1.200,000.5")]
    [InlineData("0.500.000")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("dua")]
    [InlineData("")]
    public void TryRead_Malformed_IsRefused(string text) => Assert.False(NumberReading.TryRead(text, out _));

    [Theory]
    [InlineData("dokumen", false)]
    [InlineData("laporan pengaduan", false)]
    [InlineData("rupiah", false)]
    [InlineData("Rp", false)]
    [InlineData("orang", false)]
    [InlineData("%", true)]
    [InlineData("hari", true)]
    [InlineData("jam", true)]
    [InlineData("ton", true)]
    [InlineData("indeks", true)]
    [InlineData("sesuatu yang baru", true)]
    public void AllowsDecimals_CountsAndMoneyDoNot(string unit, bool expected) => Assert.Equal(expected, IndicatorUnits.AllowsDecimals(unit));

    [Theory]
    [InlineData("1.200", "dokumen", "id", 1200)]
    [InlineData("1,200", "dokumen", "id", 1200)]
    [InlineData("1.200", "ton", "id", 1200)]
    [InlineData("1,200", "ton", "id", 1.2)]
    [InlineData("1,200", "ton", "en", 1200)]
    [InlineData("1.200", "ton", "en", 1.2)]
    [InlineData("1.500", "rupiah", "en", 1500)]
    public void ResolveFor_Form_UnitThenLanguageDecides(string text, string unit, string language, double expected)
    {
        Assert.True(NumberReading.TryRead(text, out var reading));
        Assert.Equal((decimal)expected, reading.ResolveFor(unit, language));
    }

    [Fact]
    public void ValidateValue_IndonesianUserTypes1200_Is1200()
    {
        Assert.Null(ProgressService.ValidateValue(Texts.For(Texts.Indonesian), "1.200", "jam", out var value));
        Assert.Equal(1200m, value);
        Assert.Null(ProgressService.ValidateValue(Texts.For(Texts.English), "1,200", "jam", out var english));
        Assert.Equal(1200m, english);
        Assert.Null(ProgressService.ValidateValue(Texts.For(Texts.Indonesian), "1.500.000", "rupiah", out var money));
        Assert.Equal(1_500_000m, money);
        Assert.NotNull(ProgressService.ValidateValue(Texts.For(Texts.Indonesian), "1.500.000", "dokumen", out _));
    }

    /// <summary>
    /// Property: any number written the Indonesian way (dot groups, comma decimal) or the English way reads
    /// back as itself, or, in the one ambiguous shape, offers itself as one of the two readings; and the
    /// reading the writer's language picks is the number written.
    /// </summary>
    [Fact]
    public void TryRead_GeneratedNumbersInBothNotations_ReadBackAsWritten()
    {
        var random = new Random(20261204);
        for (var i = 0; i < 20_000; i++)
        {
            var value = Generate(random);
            foreach (var (culture, language) in new[] { (Id, Texts.Indonesian), (En, Texts.English) })
            {
                var decimals = Decimals(value);
                var grouped = value.ToString("N" + decimals, culture);
                var plain = value.ToString("F" + decimals, culture);
                foreach (var text in new[] { grouped, plain })
                {
                    Assert.True(NumberReading.TryRead(text, out var reading), $"{text} ({language}) did not read");
                    Assert.True(reading.Value == value || reading.Decimal == value, $"{text} ({language}) read as {reading.Value}/{reading.Decimal}, written {value}");
                    Assert.Equal(value, reading.ResolveFor("ton", language));
                }
            }
        }
    }

    /// <summary>Property: what the bot writes back into an input reads back, in either language, as the same value.</summary>
    [Fact]
    public void ForInput_GeneratedValues_RoundTripWhateverTheUnit()
    {
        var random = new Random(4711);
        for (var i = 0; i < 20_000; i++)
        {
            var value = Generate(random);
            foreach (var (culture, language) in new[] { (Id, Texts.Indonesian), (En, Texts.English) })
            {
                var text = NumberReading.ForInput(value, culture);
                Assert.True(NumberReading.TryRead(text, out var reading), text);
                Assert.False(reading.IsAmbiguous, text);
                Assert.Equal(value, reading.ResolveFor("dokumen", language));
            }
        }
    }

    // Whole numbers, cents and thousandths, small and large: the shapes people type.
    private static decimal Generate(Random random)
    {
        var magnitude = random.Next(0, 10);
        var whole = (decimal)random.NextInt64(0, (long)Math.Pow(10, magnitude) + 1);
        return random.Next(4) switch
        {
            0 => whole,
            1 => whole + (random.Next(1, 10) / 10m),
            2 => whole + (random.Next(1, 100) / 100m),
            _ => whole + (random.Next(1, 1000) / 1000m),
        };
    }

    private static int Decimals(decimal value) => (value - decimal.Truncate(value)).ToString("0.###", CultureInfo.InvariantCulture).TrimStart('0').TrimStart('.').Length;

    [Theory]
    [InlineData(1200, "seribu dua ratus", "one thousand two hundred")]
    [InlineData(0, "nol", "zero")]
    [InlineData(11, "sebelas", "eleven")]
    [InlineData(19, "sembilan belas", "nineteen")]
    [InlineData(100, "seratus", "one hundred")]
    [InlineData(245, "dua ratus empat puluh lima", "two hundred forty-five")]
    [InlineData(1000, "seribu", "one thousand")]
    [InlineData(12345, "dua belas ribu tiga ratus empat puluh lima", "twelve thousand three hundred forty-five")]
    [InlineData(1500000, "satu juta lima ratus ribu", "one million five hundred thousand")]
    [InlineData(2000000000, "dua miliar", "two billion")]
    public void Say_WholeNumbers_InBothLanguages(long n, string indonesian, string english)
    {
        Assert.Equal(indonesian, NumberWords.Say(n, Texts.Indonesian));
        Assert.Equal(english, NumberWords.Say(n, Texts.English));
    }

    [Fact]
    public void Say_Decimals_DigitByDigit()
    {
        Assert.Equal("satu koma dua", NumberWords.Say(1.2m, Texts.Indonesian));
        Assert.Equal("one point two", NumberWords.Say(1.2m, Texts.English));
        Assert.Equal("dua belas koma tiga empat lima", NumberWords.Say(12.345m, Texts.Indonesian));
    }
}

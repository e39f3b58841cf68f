using KinerjaBot.Infrastructure.Text;

namespace KinerjaBot.Tests.Text;

public sealed class StoredTextTests
{
    private const string Grin = "\U0001F600";
    private const string ThumbsUpDark = "\U0001F44D\U0001F3FF";
    private const string Family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";

    [Theory]
    [InlineData("abc", 3, "abc")]
    [InlineData("abcd", 3, "abc")]
    [InlineData("ab" + Grin, 3, "ab")]
    [InlineData("ab" + Grin, 4, "ab" + Grin)]
    [InlineData("a" + ThumbsUpDark, 4, "a")]
    [InlineData("a" + ThumbsUpDark, 5, "a" + ThumbsUpDark)]
    [InlineData("x" + Family, 8, "x")]
    [InlineData("e\u0301e\u0301", 3, "e\u0301")]
    [InlineData("", 0, "")]
    public void Clip_CutsOnlyBetweenTextElements(string text, int max, string expected) =>
        Assert.Equal(expected, StoredText.Clip(text, max));

    [Fact]
    public void Clip_NoteOf2000EndingInEmoji_KeepsNoHalfSurrogate()
    {
        var note = new string('a', 1999) + Grin;

        var clipped = StoredText.Clip(note, 2000);

        Assert.Equal(new string('a', 1999), clipped);
        Assert.True(StoredText.IsClean(clipped));
    }

    [Theory]
    [InlineData("a\0b", true, "ab")]
    [InlineData("a\u0007b\u001Bc\u007F", true, "abc")]
    [InlineData("line\r\nnext\ttab", true, "line\r\nnext\ttab")]
    [InlineData("line\r\nnext\ttab", false, "line  next tab")]
    [InlineData("pair " + Grin, false, "pair " + Grin)]
    public void Sanitise_DropsControlCharactersAndLoneSurrogates(string text, bool multiline, string expected)
    {
        Assert.Equal(expected, StoredText.Sanitise(text, multiline));
        Assert.Equal(text == expected, StoredText.IsClean(text, multiline));
    }

    [Fact]
    public void Sanitise_LoneSurrogates_AreDropped()
    {
        // Built here: a lone surrogate does not survive xunit's serialisation of inline data.
        var high = "lone " + '\uD83D' + " high";
        var low = "lone " + '\uDE00' + " low";

        Assert.Equal("lone  high", StoredText.Sanitise(high));
        Assert.Equal("lone  low", StoredText.Sanitise(low));
        Assert.False(StoredText.IsClean(high));
        Assert.False(StoredText.IsIdentifier(low, 100));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("   ", null)]
    [InlineData("\0\0", null)]
    [InlineData("  Catatan\0 kerja  ", "Catatan kerja")]
    public void Fit_TrimsCleansAndNullsEmpty(string? text, string? expected) =>
        Assert.Equal(expected, StoredText.Fit(text, 100));

    [Fact]
    public void Fit_LongText_ClipsAtMaxOnABoundary() =>
        Assert.Equal("ab", StoredText.Fit("ab" + Grin + "cd", 3));

    [Fact]
    public void Shorten_LongText_EndsInEllipsisWithoutSplittingAnEmoji()
    {
        Assert.Equal("a…", StoredText.Shorten("a" + Grin + "bc", 3));
        Assert.Equal("abc", StoredText.Shorten("abc", 3));
        Assert.Equal("", StoredText.Shorten(null, 3));
    }

    [Theory]
    [InlineData("a:1", 3, true)]
    [InlineData("a:12", 3, false)]
    [InlineData(null, 3, false)]
    [InlineData("a\0", 3, false)]
    [InlineData("a\n", 3, false)]
    public void IsIdentifier_RefusesWhatWouldHaveToBeCut(string? id, int max, bool expected) =>
        Assert.Equal(expected, StoredText.IsIdentifier(id, max));
}

using KinerjaBot.Infrastructure.Csv;

namespace KinerjaBot.Tests.Import;

public sealed class CsvReaderTests
{
    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks_and_records_know_their_first_line()
    {
        var doc = CsvReader.Parse("\uFEFFNip,Note\r\n1,\"a, b\"\r\n2,\"say \"\"hi\"\"\nsecond line\"\r\n\r\n3,plain");

        Assert.Equal(["nip", "note"], doc.Header);
        Assert.Equal(',', doc.Delimiter);
        Assert.Equal([2, 3, 6], doc.Records.Select(r => r.Line));
        Assert.Equal("a, b", doc.Records[0].Fields[1]);
        Assert.Equal("say \"hi\"\nsecond line", doc.Records[1].Fields[1]);
        Assert.Equal("plain", doc.Records[2].Fields[1]);
    }

    [Fact]
    public void Semicolon_files_from_an_Indonesian_Excel_are_read()
    {
        var doc = CsvReader.Parse("nip;target\n1;12,5\n");

        Assert.Equal(';', doc.Delimiter);
        Assert.Equal(["1", "12,5"], doc.Records.Single().Fields);
    }

    [Theory]
    [InlineData("a,b\n1,\"open\n2,3\n", 2, CsvProblem.UnterminatedQuote)]
    [InlineData("a,b\n1,2\n3,\"x\"y\n", 3, CsvProblem.TextAfterClosingQuote)]
    [InlineData("", 1, CsvProblem.Empty)]
    [InlineData("\n\r\n", 1, CsvProblem.Empty)]
    public void Broken_files_name_the_line(string text, int line, CsvProblem problem)
    {
        var e = Assert.Throws<CsvFormatException>(() => CsvReader.Parse(text));

        Assert.Equal(line, e.Line);
        Assert.Equal(problem, e.Problem);
    }
}

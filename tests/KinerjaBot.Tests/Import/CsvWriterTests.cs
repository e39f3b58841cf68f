using KinerjaBot.Infrastructure.Csv;

namespace KinerjaBot.Tests.Import;

public sealed class CsvWriterTests
{
    private static async Task<string> WriteAsync(char delimiter, params string?[][] records)
    {
        var text = new StringWriter();
        var csv = new CsvWriter(text, delimiter);
        foreach (var record in records)
        {
            await csv.WriteRecordAsync(record, CancellationToken.None);
        }

        return text.ToString();
    }

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    public async Task WhatItWrites_CsvReaderReadsBackUnchanged(char delimiter)
    {
        string?[][] records =
        [
            ["nip", "name", "note"],
            ["199001012015031001", "Budi Santoso, S.Kom.", "kata \"rapi\"; baris\r\nbaru\ndan\rlagi"],
            ["199205122019032002", " spasi di tepi ", ""],
            ["", null, "Ümlaut — ñ 日本"],
        ];

        var text = await WriteAsync(delimiter, records);
        var document = CsvReader.Parse(text);

        Assert.Equal(delimiter, document.Delimiter);
        Assert.Equal(["nip", "name", "note"], document.Header);
        Assert.Equal(3, document.Records.Count);
        Assert.Equal(records[1].Select(f => f ?? ""), document.Records[0].Fields);
        Assert.Equal(records[2].Select(f => f ?? ""), document.Records[1].Fields);
        Assert.Equal(["", "", "Ümlaut — ñ 日本"], document.Records[2].Fields);
    }

    [Fact]
    public async Task Rfc4180_RecordsEndWithCrLf_OnlyFieldsThatNeedItAreQuoted_QuotesDoubled()
    {
        var text = await WriteAsync(',', ["a", "b,c", "say \"hi\"", "x;y"]);

        Assert.Equal("a,\"b,c\",\"say \"\"hi\"\"\",x;y\r\n", text);
        Assert.Equal("a;b,c;\"x;y\"\r\n", await WriteAsync(';', ["a", "b,c", "x;y"]));
    }

    [Theory]
    [InlineData("=SUM(A1:A2)", "'=SUM(A1:A2)")]
    [InlineData("+62 812", "'+62 812")]
    [InlineData("-1", "-1")]
    [InlineData("-1.5", "-1.5")]
    [InlineData("-1+1", "'-1+1")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("'=x", "''=x")]
    [InlineData("'quoted'", "'quoted'")]
    [InlineData("Bagus", "Bagus")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void Text_DefusesSpreadsheetFormulasAndUntextGivesThemBack(string? value, string? expected)
    {
        Assert.Equal(expected, CsvWriter.Text(value));
        Assert.Equal(value ?? "", CsvWriter.Untext(CsvWriter.Text(value) ?? ""));
    }

    [Fact]
    public async Task WriteRecord_DefusesEveryField()
    {
        var text = await WriteAsync(',', ["=HYPERLINK(\"http://x\")", "+1", "-2", "@a", "Siti"]);

        Assert.Equal("\"'=HYPERLINK(\"\"http://x\"\")\",+1,-2,'@a,Siti\r\n", text);
    }

    [Fact]
    public void Bom_IsOnlyInTheExcelEncoding()
    {
        Assert.Equal([0xEF, 0xBB, 0xBF], CsvWriter.Utf8WithBom.GetPreamble());
        Assert.Empty(CsvWriter.Utf8.GetPreamble());
        Assert.Equal("1.5", CsvWriter.Number(1.50m));
        Assert.Equal("2026-11-23", CsvWriter.Date(new DateOnly(2026, 11, 23)));
    }
}

using System.Text;

namespace KinerjaBot.Infrastructure.Csv;

/// <summary>One record of a CSV file and the physical line it starts on (1-based, header is line 1).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>A parsed CSV file: header names (trimmed, lower-case) and the records below it.</summary>
public sealed record CsvDocument(IReadOnlyList<string> Header, IReadOnlyList<CsvRecord> Records, char Delimiter);

/// <summary>Why a file is not CSV at all, at which line.</summary>
public enum CsvProblem
{
    Empty,
    UnterminatedQuote,
    TextAfterClosingQuote,
}

public sealed class CsvFormatException(int line, CsvProblem problem)
    : FormatException($"CSV line {line}: {problem}")
{
    public int Line { get; } = line;
    public CsvProblem Problem { get; } = problem;
}

/// <summary>A CSV file being read: its header, and its records one at a time (a single pass, as they are read).</summary>
public sealed record CsvTable(IReadOnlyList<string> Header, IEnumerable<CsvRecord> Records, char Delimiter);

/// <summary>
/// RFC 4180 reader for the files administrators export from spreadsheets: quoted fields with commas,
/// quotes and line breaks, a UTF-8 BOM, CRLF or LF, and the semicolon delimiter Excel writes under an
/// Indonesian locale (chosen when the header has semicolons and no commas). Blank lines are skipped.
/// <see cref="Open"/> streams: memory holds one record, whatever the size of the file.
/// </summary>
public static class CsvReader
{
    /// <summary>The whole of a small text, read into memory.</summary>
    public static CsvDocument Parse(string text)
    {
        var table = Open(new StringReader(text));
        return new CsvDocument(table.Header, table.Records.ToList(), table.Delimiter);
    }

    /// <summary>
    /// Reads the header now and the records as they are enumerated; a broken record throws
    /// <see cref="CsvFormatException"/> when it is reached.
    /// </summary>
    public static CsvTable Open(TextReader reader)
    {
        var source = new Source(reader);
        if (source.Peek() == '\uFEFF')
        {
            source.Read();
        }

        var delimiter = source.FirstLineHasOnlySemicolons() ? ';' : ',';
        var records = ReadRecords(source, delimiter).Where(r => !(r.Fields.Count == 1 && r.Fields[0].Trim().Length == 0));
        var enumerator = records.GetEnumerator();
        if (!enumerator.MoveNext())
        {
            throw new CsvFormatException(1, CsvProblem.Empty);
        }

        var header = enumerator.Current.Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        return new CsvTable(header, Rest(enumerator), delimiter);
    }

    private static IEnumerable<CsvRecord> Rest(IEnumerator<CsvRecord> enumerator)
    {
        using (enumerator)
        {
            while (enumerator.MoveNext())
            {
                yield return enumerator.Current;
            }
        }
    }

    private static IEnumerable<CsvRecord> ReadRecords(Source text, char delimiter)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        int c;
        while ((c = text.Peek()) >= 0)
        {
            if (c == '"' && field.Length == 0)
            {
                var quoteLine = line;
                text.Read();
                while (true)
                {
                    var q = text.Read();
                    if (q < 0)
                    {
                        throw new CsvFormatException(quoteLine, CsvProblem.UnterminatedQuote);
                    }

                    if (q == '"')
                    {
                        if (text.Peek() == '"')
                        {
                            field.Append('"');
                            text.Read();
                            continue;
                        }

                        break;
                    }

                    if (q == '\n')
                    {
                        line++;
                    }

                    field.Append((char)q);
                }

                var after = text.Peek();
                if (after >= 0 && after != delimiter && after != '\r' && after != '\n')
                {
                    throw new CsvFormatException(line, CsvProblem.TextAfterClosingQuote);
                }

                continue;
            }

            text.Read();
            if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                continue;
            }

            if (c == '\r' || c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                yield return new CsvRecord(recordLine, fields.ToArray());
                fields.Clear();
                if (c == '\r' && text.Peek() == '\n')
                {
                    text.Read();
                }

                line++;
                recordLine = line;
                continue;
            }

            field.Append((char)c);
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(recordLine, fields.ToArray());
        }
    }

    /// <summary>
    /// Characters from a reader through one buffer (<see cref="TextReader.Peek"/> of a network stream may
    /// answer "end" early); the first line can be inspected before parsing starts.
    /// </summary>
    private sealed class Source(TextReader reader)
    {
        private char[] _buffer = new char[64 * 1024];
        private int _at;
        private int _length;

        public int Peek() => _at < _length || Fill() ? _buffer[_at] : -1;

        public int Read() => _at < _length || Fill() ? _buffer[_at++] : -1;

        /// <summary>Excel under an Indonesian locale: semicolons in the header and no commas.</summary>
        public bool FirstLineHasOnlySemicolons()
        {
            var end = _at;
            while (true)
            {
                for (; end < _length; end++)
                {
                    if (_buffer[end] is '\r' or '\n')
                    {
                        var line = _buffer.AsSpan(_at, end - _at);
                        return line.Contains(';') && !line.Contains(',');
                    }
                }

                // The first line does not fit yet: keep it and read more behind it.
                if (_length == _buffer.Length)
                {
                    Array.Resize(ref _buffer, _buffer.Length * 2);
                }

                var read = reader.Read(_buffer, _length, _buffer.Length - _length);
                if (read == 0)
                {
                    var line = _buffer.AsSpan(_at, _length - _at);
                    return line.Contains(';') && !line.Contains(',');
                }

                _length += read;
            }
        }

        private bool Fill()
        {
            _at = 0;
            _length = reader.Read(_buffer, 0, _buffer.Length);
            return _length > 0;
        }
    }
}

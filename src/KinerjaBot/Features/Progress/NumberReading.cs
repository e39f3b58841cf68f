using System.Globalization;

namespace KinerjaBot.Features.Progress;

/// <summary>
/// A number as typed. <see cref="Value"/> is the reading with the separator as thousands grouping;
/// <see cref="Decimal"/> is set only when the text could equally be a decimal ("1.200" or "1,200":
/// one thousand two hundred, or one point two) and says what that other reading is.
/// </summary>
public readonly record struct NumberReading(decimal Value, decimal? Decimal, char Separator)
{
    public bool IsAmbiguous => Decimal is not null;

    /// <summary>
    /// Reads "1.200", "1.500.000", "12,5", "1.234.567,89" (Indonesian: the dot groups, the comma is the
    /// decimal sign) and "1,200.5", "1,234,567.89" (English, as typed on an English client). A single
    /// separator followed by exactly three digits is the one case the text cannot settle on its own.
    /// </summary>
    public static bool TryRead(string text, out NumberReading reading)
    {
        reading = default;
        var s = text.Trim();
        if (s.Length == 0 || !char.IsAsciiDigit(s[0]) || !char.IsAsciiDigit(s[^1]) || s.Any(c => !char.IsAsciiDigit(c) && c is not ('.' or ',')))
        {
            return false;
        }

        var dots = s.Count(c => c == '.');
        var commas = s.Count(c => c == ',');
        if (dots + commas == 0)
        {
            return Parse(s, "", out var whole) && Set(out reading, whole, null, '\0');
        }

        if (dots > 0 && commas > 0)
        {
            // Both signs: the last one is the decimal sign and appears once; the other groups thousands.
            var decimalSign = s.LastIndexOf('.') > s.LastIndexOf(',') ? '.' : ',';
            var groupSign = decimalSign == '.' ? ',' : '.';
            var at = s.LastIndexOf(decimalSign);
            if ((decimalSign == '.' ? dots : commas) != 1 || s.IndexOf(groupSign, at) >= 0 || !Grouped(s[..at], groupSign, out var integer))
            {
                return false;
            }

            return Parse(integer, s[(at + 1)..], out var both) && Set(out reading, both, null, '\0');
        }

        var sign = dots > 0 ? '.' : ',';
        var parts = s.Split(sign);
        if (parts.Length > 2)
        {
            // "1.500.000": only grouping repeats.
            return Grouped(s, sign, out var digits) && Parse(digits, "", out var grouped) && Set(out reading, grouped, null, '\0');
        }

        var (head, tail) = (parts[0], parts[1]);
        var canGroup = tail.Length == 3 && head.Length <= 3 && head != "0";
        if (!Parse(head, tail, out var asDecimal))
        {
            return false;
        }

        if (!canGroup)
        {
            return Set(out reading, asDecimal, null, '\0');
        }

        return Parse(head + tail, "", out var asGrouped) && Set(out reading, asGrouped, asDecimal, sign);
    }

    /// <summary>
    /// The value when the text settles it or the unit does (a count of documents is never 1,2; rupiah has
    /// no cents in use); null when the user has to be asked.
    /// </summary>
    public decimal? Resolve(string unit) => !IsAmbiguous || !IndicatorUnits.AllowsDecimals(unit) ? Value : null;

    /// <summary>
    /// For a form field, where asking back is not possible: the unit decides if it can, otherwise the user's
    /// language says what the separator means (Indonesian: the dot groups; English: the comma groups).
    /// </summary>
    public decimal ResolveFor(string unit, string language) =>
        Resolve(unit) ?? ((Separator == '.') == (language != Localization.Texts.English) ? Value : Decimal!.Value);

    /// <summary>
    /// The value written back into an input in the user's notation, without grouping, and never in the
    /// ambiguous shape: 1.125 becomes "1,1250", so that reading it again gives 1.125, not 1125.
    /// </summary>
    public static string ForInput(decimal value, CultureInfo culture)
    {
        var text = value.ToString("0.############", culture);
        var sign = culture.NumberFormat.NumberDecimalSeparator;
        var at = text.IndexOf(sign, StringComparison.Ordinal);
        return at >= 0 && text.Length - at - sign.Length == 3 ? text + "0" : text;
    }

    private static bool Grouped(string s, char sign, out string digits)
    {
        digits = "";
        var groups = s.Split(sign);
        if (groups[0].Length is < 1 or > 3 || groups[0] == "0" || groups.Skip(1).Any(g => g.Length != 3))
        {
            return false;
        }

        digits = string.Concat(groups);
        return true;
    }

    private static bool Parse(string integer, string fraction, out decimal value)
    {
        value = 0;
        return integer.Length + fraction.Length <= 24
               && decimal.TryParse(fraction.Length == 0 ? integer : integer + "." + fraction, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    private static bool Set(out NumberReading reading, decimal value, decimal? asDecimal, char sign)
    {
        reading = new NumberReading(value, asDecimal, sign);
        return true;
    }
}

/// <summary>What an indicator's unit says about the numbers reported against it.</summary>
public static class IndicatorUnits
{
    // Things counted one by one: "1.200 dokumen" is one thousand two hundred, never 1,2.
    private static readonly HashSet<string> Counted = new(StringComparer.OrdinalIgnoreCase)
    {
        "dokumen", "laporan", "orang", "berkas", "kegiatan", "kali", "buah", "lembar", "paket", "unit", "surat", "data",
        "pengaduan", "sekolah", "desa", "kelurahan", "keluarga", "kk", "ktp", "ktp-el", "akta", "sertifikat", "perangkat",
        "program", "aplikasi", "peserta", "pasien", "siswa", "rekomendasi", "izin", "rumah", "titik", "lokasi", "eksemplar",
        "naskah", "pegawai", "penduduk", "jiwa", "kasus", "perkara", "dokumen/bulan", "item", "modul", "rapat", "sesi",
        "documents", "reports", "people", "persons", "cases", "files", "items", "letters", "units", "times", "events",
    };

    private static readonly HashSet<string> Money = new(StringComparer.OrdinalIgnoreCase) { "rp", "rp.", "rupiah", "idr" };

    /// <summary>False for counted things and money; true for measures (%, jam, hari, ton, km, indeks…) and unknown units.</summary>
    public static bool AllowsDecimals(string unit)
    {
        var first = unit.Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return !(Counted.Contains(first) || IsMoney(unit));
    }

    public static bool IsMoney(string unit)
    {
        var first = unit.Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return Money.Contains(first);
    }
}

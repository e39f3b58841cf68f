namespace KinerjaBot.Features.Progress;

/// <summary>
/// Whole numbers in words ("seribu dua ratus", "one thousand two hundred"): when "1.200" could be two
/// numbers, the words say which one a button means, whatever notation the reader is used to.
/// </summary>
public static class NumberWords
{
    private static readonly string[] IdOnes = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"];

    private static readonly string[] EnOnes =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] EnTens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    /// <summary>The words for 0 ≤ <paramref name="n"/> &lt; 10^12; digits beyond that.</summary>
    public static string Say(long n, string language) => n is < 0 or >= 1_000_000_000_000
        ? n.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : language == Localization.Texts.English ? English(n) : Indonesian(n);

    /// <summary>"satu koma dua" / "one point two": the decimal digits are said one by one, as people read them.</summary>
    public static string Say(decimal value, string language)
    {
        var whole = decimal.Truncate(value);
        var text = Say((long)whole, language);
        var digits = (value - whole).ToString("0.############", System.Globalization.CultureInfo.InvariantCulture);
        if (digits.Length <= 2)
        {
            return text;
        }

        var english = language == Localization.Texts.English;
        var spoken = digits[2..].Select(d => english ? EnOnes[d - '0'] : IdOnes[d - '0']);
        return text + (english ? " point " : " koma ") + string.Join(' ', spoken);
    }

    private static string Indonesian(long n)
    {
        if (n < 12)
        {
            return IdOnes[n];
        }

        if (n < 20)
        {
            return IdOnes[n - 10] + " belas";
        }

        if (n < 100)
        {
            return Join(IdOnes[n / 10] + " puluh", n % 10, Indonesian);
        }

        // "se-" for one of a unit: seratus, seribu; but "satu juta", "satu miliar".
        if (n < 1000)
        {
            return Join(n / 100 == 1 ? "seratus" : Indonesian(n / 100) + " ratus", n % 100, Indonesian);
        }

        if (n < 1_000_000)
        {
            return Join(n / 1000 == 1 ? "seribu" : Indonesian(n / 1000) + " ribu", n % 1000, Indonesian);
        }

        if (n < 1_000_000_000)
        {
            return Join(Indonesian(n / 1_000_000) + " juta", n % 1_000_000, Indonesian);
        }

        return Join(Indonesian(n / 1_000_000_000) + " miliar", n % 1_000_000_000, Indonesian);
    }

    private static string English(long n)
    {
        if (n < 20)
        {
            return EnOnes[n];
        }

        if (n < 100)
        {
            return n % 10 == 0 ? EnTens[n / 10] : EnTens[n / 10] + "-" + EnOnes[n % 10];
        }

        if (n < 1000)
        {
            return Join(EnOnes[n / 100] + " hundred", n % 100, English);
        }

        if (n < 1_000_000)
        {
            return Join(English(n / 1000) + " thousand", n % 1000, English);
        }

        if (n < 1_000_000_000)
        {
            return Join(English(n / 1_000_000) + " million", n % 1_000_000, English);
        }

        return Join(English(n / 1_000_000_000) + " billion", n % 1_000_000_000, English);
    }

    private static string Join(string head, long rest, Func<long, string> say) => rest == 0 ? head : head + " " + say(rest);
}

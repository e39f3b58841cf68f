using System.Text.RegularExpressions;

namespace KinerjaBot.Features.Onboarding;

/// <summary>What a message that no command took was probably meant to be.</summary>
public enum Guess
{
    Nothing,

    /// <summary>"halo", "selamat pagi": a person opening the conversation expects to be shown around.</summary>
    Greeting,

    /// <summary>"apa yang bisa kamu lakukan?", "what can you do".</summary>
    Capabilities,

    /// <summary>A command with a typo ("stauts", "bantuann").</summary>
    Command,
}

/// <summary>
/// Reads greetings, "what can you do" questions and mistyped commands, in both languages. Pure: the routes
/// decide what to answer. Grown from real misreads; <c>tests/.../message-corpus.tsv</c> holds the cases.
/// </summary>
public static partial class Understanding
{
    /// <summary>Every typed command, both languages (the bot understands either, whatever the person's language).</summary>
    public static readonly IReadOnlyList<string> Commands =
    [
        "bantuan", "lapor", "status", "tinjau", "tim", "ringkasan unit", "penilaian", "minta umpan balik", "umpan balik",
        "pengingat", "bahasa inggris", "bahasa indonesia", "batal", "hasil organisasi",
        "help", "report", "review", "team", "unit overview", "appraisal", "request feedback", "feedback", "reminders",
        "language english", "language indonesian", "cancel", "organisation result",
    ];

    [GeneratedRegex(@"^(halo+|hallo+|hal+o|hai+|hi+|hello+|helo+|hey+|hei+|pagi|siang|sore|malam|met (pagi|siang|sore|malam)|selamat (pagi|siang|sore|malam)|assalamu.?alaikum|salam|permisi|punten|good (morning|afternoon|evening)|greetings)\b", RegexOptions.IgnoreCase)]
    private static partial Regex GreetingPattern();

    [GeneratedRegex(@"(apa (saja )?yang (bisa|dapat)|bisa apa|dapat apa|bisa (melakukan|bantu) apa|apa (saja )?(fitur|fungsi)|fitur(nya)? apa|cara (pakai|memakai|menggunakan|pake)|gimana (cara|pakai)|bagaimana (cara|menggunakan)|kamu (siapa|itu apa)|apa itu kinerjabot|what can you do|what do you do|how (do|does|can) (i|this|it) (use|work)|how to use|who are you)", RegexOptions.IgnoreCase)]
    private static partial Regex CapabilitiesPattern();

    /// <summary>What <paramref name="text"/> (already normalised) probably means, and the command when it is a typo of one.</summary>
    public static (Guess Kind, string? Command) Read(string text)
    {
        var words = text.Trim().TrimEnd('?', '!', '.', ',').Trim();
        if (words.Length == 0)
        {
            return (Guess.Nothing, null);
        }

        if (CapabilitiesPattern().IsMatch(words))
        {
            return (Guess.Capabilities, null);
        }

        if (GreetingPattern().IsMatch(words) && words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 4)
        {
            return (Guess.Greeting, null);
        }

        return Closest(words.ToLowerInvariant()) is { } command ? (Guess.Command, command) : (Guess.Nothing, null);
    }

    /// <summary>The one command within a small edit distance (1 up to four letters, 2 beyond), if there is exactly one nearest.</summary>
    private static string? Closest(string text)
    {
        if (text.Length > 24)
        {
            return null;
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        var tie = false;
        foreach (var command in Commands)
        {
            var distance = Distance(text, command);
            if (distance < bestDistance)
            {
                (best, bestDistance, tie) = (command, distance, false);
            }
            else if (distance == bestDistance)
            {
                tie = true;
            }
        }

        var allowed = text.Length <= 4 ? 1 : 2;
        return best is not null && bestDistance > 0 && bestDistance <= allowed && !tie ? best : null;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours ("stauts").</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}

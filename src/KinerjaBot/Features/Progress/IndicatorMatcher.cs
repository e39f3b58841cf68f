namespace KinerjaBot.Features.Progress;

/// <summary>An indicator as the matcher sees it.</summary>
public sealed record IndicatorChoice(int Id, string Text, string Unit, string RhkText);

/// <summary>
/// Picks the indicator a sentence is about by the words it shares with the indicator, its unit and its RHK.
/// One clear winner is a match; a tie (or no overlap) means the user has to choose.
/// </summary>
public static class IndicatorMatcher
{
    public static IReadOnlyList<IndicatorChoice> Rank(IReadOnlyList<string> words, IReadOnlyList<IndicatorChoice> indicators)
    {
        if (indicators.Count <= 1)
        {
            return indicators;
        }

        var scored = indicators
            .Select(i => (Indicator: i, Score: Score(words, i)))
            .OrderByDescending(x => x.Score)
            .ToList();
        var best = scored[0].Score;
        if (best == 0)
        {
            return indicators;
        }

        return scored.Where(x => x.Score == best).Select(x => x.Indicator).ToList();
    }

    /// <summary>Whether any of the words names one of the indicators, their units or their RHK.</summary>
    public static bool Mentions(IReadOnlyList<string> words, IReadOnlyList<IndicatorChoice> indicators) =>
        indicators.Any(i => Score(words, i) > 0);

    private static int Score(IReadOnlyList<string> words, IndicatorChoice indicator)
    {
        var unit = Tokens(indicator.Unit);
        var text = Tokens(indicator.Text);
        var rhk = Tokens(indicator.RhkText);
        var score = 0;
        foreach (var word in words)
        {
            if (unit.Any(u => Similar(u, word)))
            {
                score += 3;
            }

            if (text.Any(t => Similar(t, word)))
            {
                score += 2;
            }

            if (rhk.Any(t => Similar(t, word)))
            {
                score += 1;
            }
        }

        return score;
    }

    // Indonesian and English inflect by affixes and plurals; a shared stem of 5+ letters counts as the same word.
    private static bool Similar(string a, string b) =>
        a.Equals(b, StringComparison.OrdinalIgnoreCase)
        || (a.Length >= 5 && b.Length >= 5 && string.Compare(a, 0, b, 0, 5, StringComparison.OrdinalIgnoreCase) == 0);

    private static string[] Tokens(string text) =>
        text.ToLowerInvariant().Split([' ', ',', '.', '/', '(', ')', '-'], StringSplitOptions.RemoveEmptyEntries).Where(t => t.Length >= 3).ToArray();
}

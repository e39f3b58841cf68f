using System.Text.RegularExpressions;

namespace KinerjaBot.Protocol.Routing;

/// <summary>Normalizes message text before matching: Teams wraps mentions in &lt;at&gt; tags and may send HTML.</summary>
public static partial class MessageText
{
    [GeneratedRegex("<at>[^<]*</at>", RegexOptions.IgnoreCase)]
    private static partial Regex Mention();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var withoutMentions = Mention().Replace(text, " ");
        var plain = Tag().Replace(withoutMentions, " ")
            .Replace("&nbsp;", " ", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal)
            .Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal);
        return Spaces().Replace(plain, " ").Trim();
    }
}

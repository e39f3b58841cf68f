using System.Globalization;
using System.Text;

namespace KinerjaBot.Infrastructure.Text;

/// <summary>
/// The one rule for strings the app stores, the same on SQLite and PostgreSQL: lengths are UTF-16 code
/// units (what the columns' limits and Adaptive Card <c>maxLength</c> count), a cut never splits a
/// character a person sees (a surrogate pair, an emoji with its modifiers, a letter with its accents),
/// and no control character reaches a column. PostgreSQL refuses NUL in text and a lone surrogate
/// cannot be encoded to UTF-8, so either would fail the whole save there while SQLite stored it.
/// </summary>
public static class StoredText
{
    /// <summary>
    /// <paramref name="text"/> without control characters (tab, line feed and carriage return are kept when
    /// <paramref name="multiline"/>, otherwise they become spaces) and without lone surrogates.
    /// </summary>
    public static string Sanitise(string text, bool multiline = true)
    {
        if (IsClean(text, multiline))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                continue;
            }
            else if (c is '\t' or '\n' or '\r')
            {
                result.Append(multiline ? c : ' ');
            }
            else if (!char.IsControl(c))
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    /// <summary>True when <paramref name="text"/> has nothing <see cref="Sanitise"/> would change.</summary>
    public static bool IsClean(string text, bool multiline = true)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || (char.IsControl(c) && !(multiline && c is '\t' or '\n' or '\r')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The longest start of <paramref name="text"/> of at most <paramref name="max"/> code units that ends on a text-element boundary.</summary>
    public static string Clip(string text, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        if (text.Length <= max)
        {
            return text;
        }

        var end = 0;
        while (end < text.Length)
        {
            var next = StringInfo.GetNextTextElementLength(text.AsSpan(end));
            if (end + next > max)
            {
                break;
            }

            end += next;
        }

        return text[..end];
    }

    /// <summary>Display text as stored: sanitised, trimmed, null when empty, clipped to <paramref name="max"/>.</summary>
    public static string? Fit(string? text, int max, bool multiline = true)
    {
        if (text is null)
        {
            return null;
        }

        var clean = Sanitise(text, multiline).Trim();
        return clean.Length == 0 ? null : Clip(clean, max).TrimEnd();
    }

    /// <summary>Display text cut to <paramref name="max"/> with an ellipsis when it was longer (for cards and notices, never stored as data).</summary>
    public static string Shorten(string? text, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        return text.Length <= max ? text : Clip(text, max - 1) + "…";
    }

    /// <summary>
    /// True when <paramref name="id"/> can be stored as an identifier as it is: present, at most
    /// <paramref name="max"/> code units, no control character, no lone surrogate. An identifier is never cut.
    /// </summary>
    public static bool IsIdentifier(string? id, int max) =>
        id is not null && id.Length <= max && IsClean(id, multiline: false);
}

using System.Text.Json.Serialization;

namespace KinerjaBot.Protocol.Cards;

/// <summary>
/// A <c>RichTextBlock</c> of <c>TextRun</c>s. Unlike a <c>TextBlock</c>, whose text Teams reads as
/// markdown (links, emphasis, lists), a TextRun is never parsed: text that people wrote is shown
/// exactly as typed, so a note like <c>[x](javascript:…)</c> cannot become a link.
/// </summary>
public sealed class RichTextBlock : CardElement
{
    [JsonPropertyName("inlines")] public List<TextRun> Inlines { get; init; } = [];

    /// <summary>One run of plain text, styled as a whole.</summary>
    public static RichTextBlock Plain(string text, string? color = null, bool? isSubtle = null, string? spacing = null, bool? isVisible = null) =>
        new() { Spacing = spacing, IsVisible = isVisible, Inlines = [new TextRun { Text = text, Color = color, IsSubtle = isSubtle }] };
}

public sealed class TextRun
{
    [JsonPropertyName("type")] public string Type { get; } = "TextRun";
    [JsonPropertyName("text")] public string Text { get; set; } = "";
    [JsonPropertyName("color")] public string? Color { get; set; }
    [JsonPropertyName("isSubtle")] public bool? IsSubtle { get; set; }
    [JsonPropertyName("weight")] public string? Weight { get; set; }
}

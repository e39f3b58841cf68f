using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using KinerjaBot.Protocol.Activities;

namespace KinerjaBot.Protocol.Cards;

/// <summary>
/// An Adaptive Card (schema 1.5, the highest Teams renders). Only the elements and properties we use
/// are modelled; <see cref="ToJson"/> produces the wire JSON.
/// </summary>
public sealed class AdaptiveCard
{
    public const string SchemaUrl = "http://adaptivecards.io/schemas/adaptive-card.json";

    [JsonPropertyName("type")] public string Type { get; } = "AdaptiveCard";
    [JsonPropertyName("$schema")] public string Schema { get; } = SchemaUrl;
    [JsonPropertyName("version")] public string Version { get; init; } = "1.5";
    [JsonPropertyName("refresh")] public CardRefresh? Refresh { get; set; }
    [JsonPropertyName("body")] public List<CardElement> Body { get; init; } = [];
    [JsonPropertyName("actions")] public List<CardAction>? Actions { get; set; }
    [JsonPropertyName("fallbackText")] public string? FallbackText { get; set; }
    [JsonPropertyName("msteams")] public JsonObject? MsTeams { get; set; }

    public JsonNode ToJson() => JsonSerializer.SerializeToNode(this, CardJsonContext.Default.AdaptiveCard)!;

    /// <summary>The card as a message attachment.</summary>
    public Attachment ToAttachment() => new() { ContentType = ContentTypes.AdaptiveCard, Content = ToJson() };
}

/// <summary>
/// Universal Actions refresh: Teams invokes <see cref="Action"/> automatically for the listed users
/// (at most 60 MRIs) so each sees the card's current state.
/// </summary>
public sealed class CardRefresh
{
    public const int MaxUserIds = 60;

    // Declared as the base type so the serializer writes its "type" discriminator.
    [JsonPropertyName("action")] public required CardAction Action { get; init; }
    [JsonPropertyName("userIds")] public List<string>? UserIds { get; init; }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(RichTextBlock), "RichTextBlock")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(ColumnSet), "ColumnSet")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(Image), "Image")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
[JsonDerivedType(typeof(TextInput), "Input.Text")]
[JsonDerivedType(typeof(NumberInput), "Input.Number")]
[JsonDerivedType(typeof(DateInput), "Input.Date")]
[JsonDerivedType(typeof(ChoiceSetInput), "Input.ChoiceSet")]
[JsonDerivedType(typeof(ToggleInput), "Input.Toggle")]
public abstract class CardElement
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("spacing")] public string? Spacing { get; set; }
    [JsonPropertyName("separator")] public bool? Separator { get; set; }
    [JsonPropertyName("isVisible")] public bool? IsVisible { get; set; }
}

public sealed class TextBlock : CardElement
{
    public TextBlock() { }
    public TextBlock(string text) => Text = text;

    [JsonPropertyName("text")] public string Text { get; set; } = "";
    [JsonPropertyName("wrap")] public bool? Wrap { get; set; } = true;
    [JsonPropertyName("size")] public string? Size { get; set; }
    [JsonPropertyName("weight")] public string? Weight { get; set; }
    [JsonPropertyName("color")] public string? Color { get; set; }
    [JsonPropertyName("isSubtle")] public bool? IsSubtle { get; set; }
    [JsonPropertyName("maxLines")] public int? MaxLines { get; set; }
    [JsonPropertyName("style")] public string? Style { get; set; }
}

public sealed class Container : CardElement
{
    [JsonPropertyName("items")] public List<CardElement> Items { get; init; } = [];
    [JsonPropertyName("style")] public string? Style { get; set; }
    [JsonPropertyName("bleed")] public bool? Bleed { get; set; }
}

public sealed class ColumnSet : CardElement
{
    [JsonPropertyName("columns")] public List<Column> Columns { get; init; } = [];
}

public sealed class Column
{
    [JsonPropertyName("type")] public string Type { get; } = "Column";
    [JsonPropertyName("width")] public string? Width { get; set; }
    [JsonPropertyName("items")] public List<CardElement> Items { get; init; } = [];
    [JsonPropertyName("verticalContentAlignment")] public string? VerticalContentAlignment { get; set; }
}

public sealed class FactSet : CardElement
{
    [JsonPropertyName("facts")] public List<Fact> Facts { get; init; } = [];
}

public sealed record Fact(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("value")] string Value);

public sealed class Image : CardElement
{
    [JsonPropertyName("url")] public required string Url { get; init; }
    [JsonPropertyName("altText")] public string? AltText { get; set; }
    [JsonPropertyName("size")] public string? Size { get; set; }
}

public sealed class ActionSet : CardElement
{
    [JsonPropertyName("actions")] public List<CardAction> Actions { get; init; } = [];
}

/// <summary>Common input properties; <c>label</c>, <c>isRequired</c> and <c>errorMessage</c> exist since 1.3.</summary>
public abstract class CardInput : CardElement
{
    [JsonPropertyName("label")] public string? Label { get; set; }
    [JsonPropertyName("isRequired")] public bool? IsRequired { get; set; }
    [JsonPropertyName("errorMessage")] public string? ErrorMessage { get; set; }
}

public sealed class TextInput : CardInput
{
    [JsonPropertyName("placeholder")] public string? Placeholder { get; set; }
    [JsonPropertyName("value")] public string? Value { get; set; }
    [JsonPropertyName("isMultiline")] public bool? IsMultiline { get; set; }
    [JsonPropertyName("maxLength")] public int? MaxLength { get; set; }
    [JsonPropertyName("regex")] public string? Regex { get; set; }
    [JsonPropertyName("style")] public string? Style { get; set; }
}

public sealed class NumberInput : CardInput
{
    [JsonPropertyName("placeholder")] public string? Placeholder { get; set; }
    [JsonPropertyName("value")] public double? Value { get; set; }
    [JsonPropertyName("min")] public double? Min { get; set; }
    [JsonPropertyName("max")] public double? Max { get; set; }
}

public sealed class DateInput : CardInput
{
    [JsonPropertyName("value")] public string? Value { get; set; }
    [JsonPropertyName("min")] public string? Min { get; set; }
    [JsonPropertyName("max")] public string? Max { get; set; }
}

public sealed class ChoiceSetInput : CardInput
{
    [JsonPropertyName("choices")] public List<Choice> Choices { get; init; } = [];
    [JsonPropertyName("value")] public string? Value { get; set; }
    [JsonPropertyName("style")] public string? Style { get; set; }
    [JsonPropertyName("isMultiSelect")] public bool? IsMultiSelect { get; set; }
    [JsonPropertyName("placeholder")] public string? Placeholder { get; set; }
}

public sealed record Choice(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("value")] string Value);

public sealed class ToggleInput : CardInput
{
    [JsonPropertyName("title")] public string Title { get; set; } = "";
    [JsonPropertyName("value")] public string? Value { get; set; }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecuteAction), "Action.Execute")]
[JsonDerivedType(typeof(SubmitAction), "Action.Submit")]
[JsonDerivedType(typeof(OpenUrlAction), "Action.OpenUrl")]
[JsonDerivedType(typeof(ShowCardAction), "Action.ShowCard")]
public abstract class CardAction
{
    [JsonPropertyName("title")] public string? Title { get; set; }
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("style")] public string? Style { get; set; }
}

/// <summary>Universal Action: Teams sends an <c>adaptiveCard/action</c> invoke with <see cref="Verb"/>.</summary>
public sealed class ExecuteAction : CardAction
{
    [JsonPropertyName("verb")] public required string Verb { get; init; }
    [JsonPropertyName("data")] public JsonObject? Data { get; set; }
    [JsonPropertyName("associatedInputs")] public string? AssociatedInputs { get; set; }
}

public sealed class SubmitAction : CardAction
{
    [JsonPropertyName("data")] public JsonObject? Data { get; set; }
    [JsonPropertyName("associatedInputs")] public string? AssociatedInputs { get; set; }
}

public sealed class OpenUrlAction : CardAction
{
    [JsonPropertyName("url")] public required string Url { get; init; }
}

public sealed class ShowCardAction : CardAction
{
    [JsonPropertyName("card")] public required AdaptiveCard Card { get; init; }
}

/// <summary>Well-known property values (kept as strings on the wire).</summary>
public static class CardStyles
{
    public const string Positive = "positive";
    public const string Destructive = "destructive";
    public const string Emphasis = "emphasis";
    public const string Good = "good";
    public const string Attention = "attention";
    public const string Warning = "warning";
    public const string Accent = "accent";
    public const string Bolder = "bolder";
    public const string Large = "large";
    public const string Medium = "medium";
    public const string Small = "small";
    public const string Compact = "compact";
    public const string Expanded = "expanded";
    public const string Url = "url";
    public const string Auto = "auto";
    public const string Stretch = "stretch";
    public const string None = "none";
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AdaptiveCard))]
internal sealed partial class CardJsonContext : JsonSerializerContext;

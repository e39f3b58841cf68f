namespace KinerjaBot.Protocol.Activities;

/// <summary>Activity <c>type</c> values.</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Invoke = "invoke";
    public const string Typing = "typing";
    public const string Event = "event";
    public const string MessageReaction = "messageReaction";
}

/// <summary>Invoke <c>name</c> values.</summary>
public static class InvokeNames
{
    public const string AdaptiveCardAction = "adaptiveCard/action";
}

/// <summary>Entity <c>type</c> values.</summary>
public static class EntityTypes
{
    public const string ClientInfo = "clientInfo";
}

/// <summary>Attachment and invoke-response content types.</summary>
public static class ContentTypes
{
    public const string AdaptiveCard = "application/vnd.microsoft.card.adaptive";
    public const string ActivityMessage = "application/vnd.microsoft.activity.message";
    public const string Error = "application/vnd.microsoft.error";
    public const string PreconditionFailed = "application/vnd.microsoft.error.preconditionFailed";
}

/// <summary><c>installationUpdate</c> actions.</summary>
public static class InstallationActions
{
    public const string Add = "add";
    public const string Remove = "remove";
}

/// <summary>Values of <c>textFormat</c>; Teams reads message text as markdown unless told otherwise.</summary>
public static class TextFormats
{
    public const string Markdown = "markdown";
    public const string Plain = "plain";
}

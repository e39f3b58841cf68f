using KinerjaBot.Protocol.Activities;

namespace KinerjaBot.Protocol.Connector;

/// <summary>
/// The Bot Connector REST calls a bot makes on its own initiative (PROTOCOL.md §2). Every call
/// targets the <c>serviceUrl</c> of the conversation, which the caller stores per conversation.
/// </summary>
public interface IConnectorClient
{
    /// <summary><c>POST v3/conversations/{conversationId}/activities</c>: a new message in the conversation.</summary>
    Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken ct);

    /// <summary><c>POST v3/conversations/{conversationId}/activities/{replyToId}</c>: a reply to an activity (threads in channels).</summary>
    Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken ct);

    /// <summary><c>PUT v3/conversations/{conversationId}/activities/{activityId}</c>: replaces a message the bot sent.</summary>
    Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken ct);

    /// <summary><c>DELETE v3/conversations/{conversationId}/activities/{activityId}</c>: removes a message the bot sent.</summary>
    Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken ct);

    /// <summary><c>POST v3/conversations</c>: creates (or finds) a conversation, e.g. a 1:1 chat for proactive messages.</summary>
    Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken ct);
}

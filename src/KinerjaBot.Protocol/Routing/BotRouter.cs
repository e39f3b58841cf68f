using System.Text.Json;
using System.Text.RegularExpressions;
using KinerjaBot.Protocol.Activities;

namespace KinerjaBot.Protocol.Routing;

/// <summary>
/// Sends each activity to exactly one handler. Non-invoke routes are tried in registration order and the
/// first whose selector matches wins; <c>adaptiveCard/action</c> invokes are dispatched by verb, one
/// handler per verb. Route names and verbs must be unique.
/// </summary>
public sealed class BotRouter
{
    private readonly List<Route> _routes = [];
    private readonly Dictionary<string, CardActionHandler> _cardActions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public delegate Task TurnHandler(TurnContext turn);
    public delegate ValueTask<bool> TurnSelector(TurnContext turn);
    public delegate Task<InvokeResponse> CardActionHandler(TurnContext turn, AdaptiveCardInvokeAction action);

    private sealed record Route(string Name, string ActivityType, TurnSelector Selector, TurnHandler Handler);

    public IReadOnlyList<string> RouteNames => _routes.Select(r => r.Name).ToList();

    public IReadOnlyCollection<string> Verbs => _cardActions.Keys;

    /// <summary>A route for any non-invoke activity type.</summary>
    public BotRouter On(string name, string activityType, TurnSelector selector, TurnHandler handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(activityType);
        if (activityType == ActivityTypes.Invoke)
        {
            throw new ArgumentException("Invokes are routed by verb; use OnCardAction.", nameof(activityType));
        }

        if (!_names.Add(name))
        {
            throw new InvalidOperationException($"A route named '{name}' is already registered.");
        }

        _routes.Add(new Route(name, activityType, selector, handler));
        return this;
    }

    public BotRouter OnMessage(string name, TurnSelector selector, TurnHandler handler) =>
        On(name, ActivityTypes.Message, selector, handler);

    /// <summary>A message route whose text (trimmed, mentions removed) matches <paramref name="pattern"/>.</summary>
    public BotRouter OnMessage(string name, Regex pattern, TurnHandler handler) =>
        OnMessage(name, turn => ValueTask.FromResult(pattern.IsMatch(MessageText.Normalize(turn.Activity.Text))), handler);

    public BotRouter OnConversationUpdate(string name, TurnHandler handler) =>
        On(name, ActivityTypes.ConversationUpdate, _ => ValueTask.FromResult(true), handler);

    public BotRouter OnInstallationUpdate(string name, TurnHandler handler) =>
        On(name, ActivityTypes.InstallationUpdate, _ => ValueTask.FromResult(true), handler);

    /// <summary>The handler of <c>Action.Execute</c> with <paramref name="verb"/> (also card refresh, verb <c>refresh</c>-style).</summary>
    public BotRouter OnCardAction(string verb, CardActionHandler handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(verb);
        if (!_cardActions.TryAdd(verb, handler))
        {
            throw new InvalidOperationException($"A handler for card verb '{verb}' is already registered.");
        }

        _names.Add("verb:" + verb);
        return this;
    }

    /// <summary>
    /// Routes one activity. Returns the invoke response for invokes (never null for them) and null otherwise.
    /// Activities that no route takes are ignored, as the protocol allows.
    /// </summary>
    public async Task<InvokeResponse?> RouteAsync(TurnContext turn)
    {
        var activity = turn.Activity;
        if (activity.Type == ActivityTypes.Invoke)
        {
            return await RouteInvokeAsync(turn).ConfigureAwait(false);
        }

        foreach (var route in _routes)
        {
            if (route.ActivityType == activity.Type && await route.Selector(turn).ConfigureAwait(false))
            {
                await route.Handler(turn).ConfigureAwait(false);
                break;
            }
        }

        return null;
    }

    private async Task<InvokeResponse> RouteInvokeAsync(TurnContext turn)
    {
        var activity = turn.Activity;
        if (activity.Name != InvokeNames.AdaptiveCardAction)
        {
            return InvokeResponse.Error(501, "NotImplemented", $"Invoke '{activity.Name}' is not supported.");
        }

        AdaptiveCardInvokeValue? value;
        try
        {
            value = activity.Value?.Deserialize(ProtocolJsonContext.Default.AdaptiveCardInvokeValue);
        }
        catch (JsonException)
        {
            value = null;
        }

        var action = value?.Action;
        if (action is null || action.Type != "Action.Execute" || string.IsNullOrEmpty(action.Verb))
        {
            return InvokeResponse.Error(400, "BadRequest", "The invoke is not an Action.Execute with a verb.");
        }

        if (!_cardActions.TryGetValue(action.Verb, out var handler))
        {
            return InvokeResponse.Error(400, "NotSupported", $"The verb '{action.Verb}' is not supported.");
        }

        action.Data ??= [];
        return await handler(turn, action).ConfigureAwait(false);
    }
}

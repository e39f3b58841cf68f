using System.Security.Claims;
using KinerjaBot.Protocol.Activities;

namespace KinerjaBot.Protocol.Routing;

/// <summary>One inbound activity being handled: the activity, who sent it (as authenticated) and the request's services.</summary>
public sealed class TurnContext(Activity activity, IServiceProvider services, ClaimsIdentity? identity, CancellationToken cancellation)
{
    public Activity Activity { get; } = activity;
    public IServiceProvider Services { get; } = services;

    /// <summary>The validated caller (the channel), or an anonymous identity in local-development mode.</summary>
    public ClaimsIdentity? Identity { get; } = identity;

    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>Free-form state a handler can hand to a later one in the same turn.</summary>
    public IDictionary<string, object> Items { get; } = new Dictionary<string, object>(StringComparer.Ordinal);
}

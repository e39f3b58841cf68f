namespace KinerjaBot.Protocol.Connector;

/// <summary>Builds connector request URIs from a service URL and conversation/activity ids.</summary>
internal static class ConnectorUris
{
    /// <summary>
    /// The service URL as a base that relative paths append to: absolute http(s), no user info,
    /// query or fragment, and always ending in '/' because Teams hands out both
    /// <c>…/amer/</c> and <c>…/teams</c> forms and "v3/…" must land below either.
    /// </summary>
    public static Uri ParseServiceUrl(string serviceUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceUrl);
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.UserInfo.Length > 0)
        {
            throw new ArgumentException($"'{serviceUrl}' is not an absolute http(s) service URL.", nameof(serviceUrl));
        }

        var path = uri.GetLeftPart(UriPartial.Path);
        return new Uri(path.EndsWith('/') ? path : path + "/");
    }

    public static Uri Conversations(Uri serviceBase) => new(serviceBase.AbsoluteUri + "v3/conversations");

    public static Uri Activities(Uri serviceBase, string conversationId, string? activityId)
    {
        var uri = serviceBase.AbsoluteUri + "v3/conversations/" + Segment(conversationId, nameof(conversationId)) + "/activities";
        return new Uri(activityId is null ? uri : uri + "/" + Segment(activityId, nameof(activityId)));
    }

    /// <summary>
    /// Escapes one path segment. Teams ids contain ':', ';' and '@' (e.g. <c>19:x@thread.v2;messageid=1</c>),
    /// which must not be read as path syntax. "." and ".." are refused because URI normalisation
    /// would turn them into a different path instead of an id.
    /// </summary>
    private static string Segment(string value, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, paramName);
        if (value is "." or "..")
        {
            throw new ArgumentException($"'{value}' is not a valid id.", paramName);
        }

        return Uri.EscapeDataString(value);
    }
}

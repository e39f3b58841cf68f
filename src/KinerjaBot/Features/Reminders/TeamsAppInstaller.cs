using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KinerjaBot.Protocol.Connector;
using Microsoft.Extensions.Options;

namespace KinerjaBot.Features.Reminders;

public enum InstallOutcome
{
    /// <summary>The app is installed for the user and <see cref="InstallResult.ChatId"/> is their chat with the bot.</summary>
    Installed,

    /// <summary>Graph refused for this user (403 or 404): not licensed, blocked by policy, or unknown.</summary>
    Unreachable,

    /// <summary>Graph could not answer now (throttling, 5xx, network): try again on a later tick.</summary>
    Failed,
}

public sealed record InstallResult(InstallOutcome Outcome, string? ChatId, string? Detail);

/// <summary>
/// Installs the bot for a user who never opened it, through Microsoft Graph (PROTOCOL.md §6), and finds
/// the 1:1 chat to message them in: POST /users/{id}/teamwork/installedApps (409 = already installed),
/// then the installation's id by app id, then its chat.
/// </summary>
public sealed partial class TeamsAppInstaller(HttpClient http, GraphTokenSource tokens, IOptions<ReminderOptions> options, ILogger<TeamsAppInstaller> logger)
{
    private readonly GraphInstallOptions _options = options.Value.Graph;

    /// <summary>Whether installs are configured (a catalog app id is set).</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(_options.TeamsAppId);

    public async Task<InstallResult> InstallAsync(string aadObjectId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(aadObjectId);
        if (!IsEnabled)
        {
            return new InstallResult(InstallOutcome.Failed, null, "Reminders:Graph:TeamsAppId is not configured");
        }

        var root = _options.BaseUrl.TrimEnd('/');
        var appId = _options.TeamsAppId!.Trim();
        var user = Uri.EscapeDataString(aadObjectId);
        try
        {
            var body = new JsonObject { ["teamsApp@odata.bind"] = $"{root}/appCatalogs/teamsApps/{Uri.EscapeDataString(appId)}" };
            using (var install = await SendAsync(HttpMethod.Post, $"{root}/users/{user}/teamwork/installedApps", body, ct))
            {
                // 409: installed already (by the user, an admin policy, or an earlier tick): find its chat all the same.
                if (!install.IsSuccessStatusCode && install.StatusCode != HttpStatusCode.Conflict)
                {
                    return await RefusedAsync(install, "install", ct);
                }
            }

            var filter = Uri.EscapeDataString($"teamsApp/id eq '{appId.Replace("'", "''", StringComparison.Ordinal)}'");
            string installationId;
            using (var list = await SendAsync(HttpMethod.Get, $"{root}/users/{user}/teamwork/installedApps?$expand=teamsApp&$filter={filter}", null, ct))
            {
                if (!list.IsSuccessStatusCode)
                {
                    return await RefusedAsync(list, "list", ct);
                }

                var found = (await ReadAsync(list, ct))?["value"]?.AsArray().FirstOrDefault()?["id"]?.GetValue<string>();
                if (string.IsNullOrEmpty(found))
                {
                    return new InstallResult(InstallOutcome.Failed, null, "installed app not listed yet");
                }

                installationId = found;
            }

            using var chat = await SendAsync(HttpMethod.Get, $"{root}/users/{user}/teamwork/installedApps/{Uri.EscapeDataString(installationId)}/chat", null, ct);
            if (!chat.IsSuccessStatusCode)
            {
                return await RefusedAsync(chat, "chat", ct);
            }

            var chatId = (await ReadAsync(chat, ct))?["id"]?.GetValue<string>();
            return string.IsNullOrEmpty(chatId)
                ? new InstallResult(InstallOutcome.Failed, null, "chat without id")
                : new InstallResult(InstallOutcome.Installed, chatId, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException
                                       || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            LogGraphFailed(logger, ex.Message);
            return new InstallResult(InstallOutcome.Failed, null, ex.GetType().Name + ": " + ex.Message);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, JsonObject? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, url);
        if (await tokens.GetTokenAsync(ct) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request, ct);
    }

    private static async Task<JsonNode?> ReadAsync(HttpResponseMessage response, CancellationToken ct) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));

    private async Task<InstallResult> RefusedAsync(HttpResponseMessage response, string step, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        string? code = null;
        try
        {
            code = (await ReadAsync(response, ct))?["error"]?["code"]?.GetValue<string>();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // No Graph error body: the status alone tells.
        }

        var detail = $"{step}: {status} {code}".Trim();
        LogGraphRefused(logger, detail);
        return status is 403 or 404
            ? new InstallResult(InstallOutcome.Unreachable, null, detail)
            : new InstallResult(InstallOutcome.Failed, null, detail);
    }

    [LoggerMessage(5100, LogLevel.Warning, "Graph app install refused: {Detail}")]
    private static partial void LogGraphRefused(ILogger logger, string detail);

    [LoggerMessage(5101, LogLevel.Warning, "Graph app install failed: {Message}")]
    private static partial void LogGraphFailed(ILogger logger, string message);
}

/// <summary>
/// App-only Graph tokens from the bot's own credentials (the MSAL provider of the connector, with the
/// Graph scope). Without credentials (local development, tests against a stand-in) calls carry no token.
/// </summary>
public sealed class GraphTokenSource(IOptions<CredentialOptions> credentials, IOptions<ReminderOptions> options)
{
    private readonly Lazy<MsalTokenProvider?> _provider = new(() =>
    {
        var bot = credentials.Value;
        var graph = new CredentialOptions
        {
            AppId = bot.AppId,
            TenantId = bot.TenantId,
            AuthType = bot.AuthType,
            ClientSecret = bot.ClientSecret,
            CertificatePath = bot.CertificatePath,
            CertificatePassword = bot.CertificatePassword,
            ManagedIdentityClientId = bot.ManagedIdentityClientId,
            AuthorityHost = bot.AuthorityHost,
            Scope = options.Value.Graph.Scope,
        };
        var provider = new MsalTokenProvider(graph);
        return provider.IsConfigured ? provider : null;
    });

    public async Task<string?> GetTokenAsync(CancellationToken ct) =>
        _provider.Value is { } provider ? await provider.GetTokenAsync(ct) : null;
}

using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KinerjaBot.Protocol.Tests.Authentication;

/// <summary>Mints the tokens the Bot Connector and Entra would send, and the forgeries an attacker would try.</summary>
public static class TokenFactory
{
    public const string AppId = "8f6c6a4e-3b0e-4c59-9f5b-2a1d7e0c4b11";
    public const string ServiceUrl = "https://smba.trafficmanager.net/apac/3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b/";
    public const string EmulatorV1Issuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";
    public const string EmulatorV2Issuer = "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0";

    /// <summary>Every test runs at this instant; far from the real date, so a check that read the system clock would show.</summary>
    public static readonly DateTimeOffset Now = new(2031, 3, 17, 2, 0, 0, TimeSpan.Zero);

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public static string Channel(
        SigningCredentials credentials,
        string issuer = "https://api.botframework.com",
        string audience = AppId,
        string? serviceUrl = ServiceUrl,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? expires = null)
    {
        var claims = new Dictionary<string, object>();
        if (serviceUrl is not null)
        {
            claims["serviceurl"] = serviceUrl;
        }

        return Create(credentials, issuer, audience, claims, notBefore, expires);
    }

    public static string EntraV1(SigningCredentials credentials, string appId = AppId, string issuer = EmulatorV1Issuer) =>
        Create(credentials, issuer, AppId, new() { ["ver"] = "1.0", ["appid"] = appId, ["tid"] = "d6d49420-f39b-4df7-a1dc-d59a935871db" });

    public static string EntraV2(SigningCredentials credentials, string azp = AppId, string issuer = EmulatorV2Issuer) =>
        Create(credentials, issuer, AppId, new() { ["ver"] = "2.0", ["azp"] = azp, ["tid"] = "f8cdef31-a31e-4b4a-93e4-5f571e91255a" });

    /// <summary>A token whose header says <c>alg: none</c> and carries no signature.</summary>
    public static string Unsigned(string kid)
    {
        var header = new JsonObject { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = kid };
        return $"{Encode(header)}.{Encode(ChannelPayload())}.";
    }

    /// <summary>The key-confusion attack: HMAC-signed with the published public key as the shared secret.</summary>
    public static string HmacWithPublicKey(TestKey key)
    {
        var secret = Encoding.UTF8.GetBytes(key.Rsa.ExportSubjectPublicKeyInfoPem());
        var credentials = new SigningCredentials(new SymmetricSecurityKey(secret) { KeyId = key.Kid }, SecurityAlgorithms.HmacSha256);
        return Channel(credentials);
    }

    private static string Create(
        SigningCredentials credentials,
        string issuer,
        string audience,
        Dictionary<string, object> claims,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? expires = null)
    {
        var nbf = notBefore ?? Now.AddMinutes(-5);
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = nbf.UtcDateTime,
            NotBefore = nbf.UtcDateTime,
            Expires = (expires ?? Now.AddHours(1)).UtcDateTime,
            Claims = claims,
            SigningCredentials = credentials,
        });
    }

    private static JsonObject ChannelPayload() => new()
    {
        ["iss"] = "https://api.botframework.com",
        ["aud"] = AppId,
        ["serviceurl"] = ServiceUrl,
        ["nbf"] = Now.AddMinutes(-5).ToUnixTimeSeconds(),
        ["exp"] = Now.AddHours(1).ToUnixTimeSeconds(),
    };

    private static string Encode(JsonObject json) => Base64UrlEncoder.Encode(json.ToJsonString());
}

using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace KinerjaBot.Protocol.Tests.Authentication;

/// <summary>An RSA key generated for the test run, with the endorsements its JWKS entry advertises.</summary>
public sealed class TestKey : IDisposable
{
    public TestKey(string kid, params string[] endorsements)
    {
        Kid = kid;
        Endorsements = endorsements;
        Rsa = RSA.Create(2048);
    }

    public string Kid { get; }

    public string[] Endorsements { get; }

    public RSA Rsa { get; }

    public SigningCredentials Credentials(string algorithm = SecurityAlgorithms.RsaSha256) =>
        new(new RsaSecurityKey(Rsa) { KeyId = Kid }, algorithm);

    public JsonObject ToJwk()
    {
        var p = Rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = Kid,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus),
            ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        };
        if (Endorsements.Length > 0)
        {
            jwk["endorsements"] = new JsonArray([.. Endorsements.Select(e => JsonValue.Create(e))]);
        }

        return jwk;
    }

    public void Dispose() => Rsa.Dispose();
}

using Microsoft.Extensions.Options;

namespace KinerjaBot.Protocol.Connector;

/// <summary>Catches incomplete credentials at start-up rather than at the first proactive message hours later.</summary>
internal sealed class CredentialOptionsValidator : IValidateOptions<CredentialOptions>
{
    public ValidateOptionsResult Validate(string? name, CredentialOptions options)
    {
        var known = new[] { CredentialAuthTypes.ClientSecret, CredentialAuthTypes.Certificate, CredentialAuthTypes.UserManagedIdentity, CredentialAuthTypes.None };
        if (!known.Any(k => CredentialAuthTypes.Is(options.AuthType, k)))
        {
            return ValidateOptionsResult.Fail($"AuthType '{options.AuthType}' is not one of {string.Join(", ", known)}.");
        }

        if (!MsalTokenProvider.IsConfiguredFor(options))
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (CredentialAuthTypes.Is(options.AuthType, CredentialAuthTypes.ClientSecret) && string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            errors.Add("AuthType ClientSecret needs ClientSecret.");
        }

        if (CredentialAuthTypes.Is(options.AuthType, CredentialAuthTypes.Certificate) && string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            errors.Add("AuthType Certificate needs CertificatePath.");
        }

        if (string.IsNullOrWhiteSpace(options.Scope))
        {
            errors.Add("Scope must not be empty.");
        }

        if (!Uri.TryCreate(options.AuthorityHost, UriKind.Absolute, out var host) || host.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add("AuthorityHost must be an absolute https URL.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

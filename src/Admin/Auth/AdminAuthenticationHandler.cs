using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BillForU.Admin.Auth;

/// <summary>Authenticates <c>X-Api-Key: …</c> against the keys and <c>Authorization: Bearer …</c> against the tokens.</summary>
public sealed class AdminAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminCredentialStore store) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "BillForUAdmin";
    public const string ApiKeyHeader = "X-Api-Key";

    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        (string Name, string Role)? found;
        if (Request.Headers.TryGetValue(ApiKeyHeader, out var key) && !string.IsNullOrEmpty(key))
        {
            found = store.FindKey(key.ToString());
        }
        else if (Request.Headers.Authorization.ToString() is { } authorization
            && authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            found = store.FindToken(authorization[BearerPrefix.Length..].Trim());
        }
        else
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (found is not { } credential)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key or token."));
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, credential.Name), new Claim(ClaimTypes.Role, credential.Role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"Bearer, ApiKey header=\"{ApiKeyHeader}\"";
        return base.HandleChallengeAsync(properties);
    }
}

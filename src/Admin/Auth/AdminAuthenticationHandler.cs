using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace BillForU.Admin.Auth;

/// <summary>
/// Authenticates <c>X-Api-Key: …</c> and a browser's <c>Authorization: Basic …</c> (any user name, the key as the
/// password) against the keys, and <c>Authorization: Bearer …</c> against the tokens.
/// </summary>
public sealed class AdminAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminCredentialStore store) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "BillForUAdmin";
    public const string ApiKeyHeader = "X-Api-Key";
    public const string BasicChallenge = "Basic realm=\"BillForU admin\", charset=\"UTF-8\"";

    private const string BearerPrefix = "Bearer ";
    private const string BasicPrefix = "Basic ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        (string Name, string Role)? found;
        var authorization = Request.Headers.Authorization.ToString();
        if (Request.Headers.TryGetValue(ApiKeyHeader, out var key) && !string.IsNullOrEmpty(key))
        {
            found = store.FindKey(key.ToString());
        }
        else if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            found = store.FindToken(authorization[BearerPrefix.Length..].Trim());
        }
        else if (authorization.StartsWith(BasicPrefix, StringComparison.OrdinalIgnoreCase))
        {
            found = BasicPassword(authorization[BasicPrefix.Length..].Trim()) is { } password ? store.FindKey(password) : null;
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
        StringValues challenges = $"Bearer, ApiKey header=\"{ApiKeyHeader}\"";
        // Only where a browser is meant to log in: elsewhere a Basic challenge would pop the browser's login box
        // over the web dashboard's own key form whenever a key is wrong.
        if (Context.GetEndpoint()?.Metadata.GetMetadata<BrowserLogin>() is not null)
        {
            challenges = StringValues.Concat(challenges, BasicChallenge);
        }
        Response.Headers.WWWAuthenticate = challenges;
        return base.HandleChallengeAsync(properties);
    }

    private static string? BasicPassword(string encoded)
    {
        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var length))
        {
            return null;
        }
        var credentials = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : credentials[(colon + 1)..];
    }
}

using BillForU.Admin.Auth;
using BillForU.Hosting.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace BillForU.Admin.Extensions;

public static class AdminAuthenticationExtensions
{
    /// <summary>API keys and bearer tokens with the reader and operator roles; anything not marked anonymous needs a reader.</summary>
    /// <returns>The local key file and its reader key when the keys came from there, else null.</returns>
    public static async Task<LocalAdminKeys?> AddAdminAuthenticationAsync(
        this IHostApplicationBuilder builder, BillForUOptions options, TextWriter console, CancellationToken cancellationToken)
    {
        var admin = builder.Configuration.GetSection(AdminAuthOptions.Section).Get<AdminAuthOptions>() ?? new AdminAuthOptions();
        var (keys, tokens, created, local) = await AdminCredentialLoader.LoadAsync(admin, options, cancellationToken);
        if (created is not null)
        {
            await console.WriteLineAsync($"Admin API keys created in {Path.GetFullPath(created)} (send one as the X-Api-Key header):");
            foreach (var key in keys)
            {
                await console.WriteLineAsync($"  {key.Role,-8} {key.Secret}");
            }
        }
        builder.Services.AddSingleton(new AdminCredentialStore(keys, tokens));
        builder.Services.AddAuthentication(AdminAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, AdminAuthenticationHandler>(AdminAuthenticationHandler.SchemeName, null);
        var read = new AuthorizationPolicyBuilder(AdminAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser().RequireRole(AdminRoles.Reader, AdminRoles.Operator).Build();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminRoles.ReadPolicy, read)
            .AddPolicy(AdminRoles.OperatePolicy, p => p.AddAuthenticationSchemes(AdminAuthenticationHandler.SchemeName).RequireAuthenticatedUser().RequireRole(AdminRoles.Operator))
            .SetFallbackPolicy(read);
        return local is not null && keys.FirstOrDefault(k => k.Role == AdminRoles.Reader) is { } reader
            ? new LocalAdminKeys(local, reader.Secret)
            : null;
    }
}

using BillForU.Admin.Auth;
using Microsoft.OpenApi;

namespace BillForU.Admin.Extensions;

public static class OpenApiExtensions
{
    /// <summary>The OpenAPI document, with the API key and bearer schemes so the interactive UI can send them.</summary>
    public static IServiceCollection AddAdminOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "BillForU Admin API",
                Version = "v1",
                Description = "Settlement, notices, preferences and dead letters. Send an API key as X-Api-Key or a token as Authorization: Bearer.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = AdminAuthenticationHandler.ApiKeyHeader,
                Description = "A reader or operator key.",
            };
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A reader or operator token.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] });
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
            return Task.CompletedTask;
        }));
}

using BillForU.Domain.Security;
using Microsoft.Extensions.DependencyInjection;

namespace BillForU.Hosting.Extensions;

public static class PiiServiceCollectionExtensions
{
    public static IServiceCollection AddPiiProtection(this IServiceCollection services, PiiKeyRing keys)
    {
        services.AddSingleton(keys);
        services.AddSingleton<ContactCipher>();
        services.AddSingleton<LookupHasher>();
        return services;
    }
}

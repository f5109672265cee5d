using BillForU.Hosting.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BillForU.Hosting.Extensions;

public static class RedactingLoggingExtensions
{
    /// <summary>
    /// Puts every logging provider registered so far behind <see cref="RedactingLoggerProvider"/>. Call it after the
    /// last provider is added: one added later logs unredacted.
    /// </summary>
    public static IServiceCollection RedactContactsInLogs(this IServiceCollection services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(ILoggerProvider) || descriptor.IsKeyedService)
            {
                continue;
            }
            services[i] = ServiceDescriptor.Singleton<ILoggerProvider>(sp => new RedactingLoggerProvider(Create(sp, descriptor)));
        }
        return services;
    }

    private static ILoggerProvider Create(IServiceProvider services, ServiceDescriptor descriptor) => descriptor switch
    {
        { ImplementationInstance: ILoggerProvider instance } => instance,
        { ImplementationFactory: { } factory } => (ILoggerProvider)factory(services),
        { ImplementationType: { } type } => (ILoggerProvider)ActivatorUtilities.CreateInstance(services, type),
        _ => throw new InvalidOperationException($"Logging provider registration {descriptor} cannot be wrapped."),
    };
}

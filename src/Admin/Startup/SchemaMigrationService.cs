using BillForU.Storage;

namespace BillForU.Admin.Startup;

/// <summary>Brings the embedded database's schema up to date before the in-process silo starts.</summary>
public sealed class SchemaMigrationService(ISchemaMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

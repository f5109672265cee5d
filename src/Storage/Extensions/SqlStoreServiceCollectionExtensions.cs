using BillForU.Storage.MySql;
using BillForU.Storage.Notifications;
using BillForU.Storage.Notifications.MySql;
using BillForU.Storage.Notifications.Relational;
using BillForU.Storage.Notifications.Sqlite;
using BillForU.Storage.Outages;
using BillForU.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BillForU.Storage.Extensions;

public static class SqlStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQL store of <paramref name="options"/>' provider: <see cref="ISchemaMigrator"/>,
    /// <see cref="IBillingDataSource"/>, <see cref="IBillRepository"/>, <see cref="ISettlementRunRepository"/>
    /// and <see cref="IDatasetSeeder"/>, all singletons over one connection factory.
    /// </summary>
    public static IServiceCollection AddSqlStore(this IServiceCollection services, SqlStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException($"{nameof(SqlStoreOptions)}.{nameof(SqlStoreOptions.ConnectionString)} is empty.", nameof(options));
        }
        services.AddSingleton(options);
        services.AddStorageOutages();
        switch (options.Provider)
        {
            case SqlProvider.Sqlite:
                services.AddSingleton<SqliteConnectionFactory>();
                services.AddSingleton<ISchemaMigrator, SqliteSchemaMigrator>();
                services.AddSingleton<IBillingDataSource, SqliteBillingDataSource>();
                services.AddSingleton<IBillRepository, SqliteBillRepository>();
                services.AddSingleton<ISettlementRunRepository, SqliteSettlementRunRepository>();
                services.AddSingleton<IDatasetSeeder, SqliteDatasetSeeder>();
                services.AddSingleton<IRecipientDirectory, SqliteRecipientDirectory>();
                services.AddSingleton<IDeliveryStore, SqliteDeliveryStore>();
                services.AddSingleton<IReconciliationStore>(sp => new RelationalReconciliationStore(
                    async ct => await sp.GetRequiredService<SqliteConnectionFactory>().OpenAsync(ct), KeyListSql.SqliteJsonArray));
                break;
            case SqlProvider.MySql:
                services.AddSingleton<MySqlConnectionFactory>();
                services.AddSingleton<ISchemaMigrator, MySqlSchemaMigrator>();
                services.AddSingleton<IBillingDataSource, MySqlBillingDataSource>();
                services.AddSingleton<IBillRepository, MySqlBillRepository>();
                services.AddSingleton<ISettlementRunRepository, MySqlSettlementRunRepository>();
                services.AddSingleton<IDatasetSeeder, MySqlDatasetSeeder>();
                services.AddSingleton<IRecipientDirectory, MySqlRecipientDirectory>();
                services.AddSingleton<IDeliveryStore, MySqlDeliveryStore>();
                services.AddSingleton<IReconciliationStore>(sp => new RelationalReconciliationStore(
                    async ct => await sp.GetRequiredService<MySqlConnectionFactory>().OpenAsync(ct), KeyListSql.ParameterPerKey));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, $"{nameof(SqlStoreOptions)}.{nameof(SqlStoreOptions.Provider)} '{options.Provider}' is not a known SQL provider.");
        }
        return services;
    }

    /// <summary>
    /// The outage tracker and the retry that waits outages out with backoff (<see cref="StorageRetryOptions"/>, validated
    /// at start). Bind <see cref="StorageRetryOptions.Section"/> with <c>services.Configure&lt;StorageRetryOptions&gt;</c>.
    /// </summary>
    public static IServiceCollection AddStorageOutages(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StorageOutage>();
        services.TryAddSingleton<StorageRetry>();
        services.AddOptions<StorageRetryOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageRetryOptions>, StorageRetryOptionsValidator>());
        return services;
    }
}

namespace BillForU.Storage;

/// <summary>Brings the database schema to the newest version, applying each versioned migration once.</summary>
public interface ISchemaMigrator
{
    /// <returns>The migration versions applied by this call (empty when the schema was current).</returns>
    Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken);
}

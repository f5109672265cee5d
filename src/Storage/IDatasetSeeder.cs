using BillForU.Domain.Generation;

namespace BillForU.Storage;

/// <summary>Loads a generated dataset through the database's bulk path (never a round trip per row).</summary>
public interface IDatasetSeeder
{
    Task<DatasetInfo?> GetDatasetInfoAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes the catalog, the system message policy and users 1..N of the generator's spec with all their rows,
    /// then records the dataset info. Expects an empty dataset (call <see cref="ClearAsync"/> first otherwise).
    /// </summary>
    /// <returns>Rows written in all tables.</returns>
    Task<long> SeedAsync(DemoDataGenerator generator, IProgress<SeedProgress>? progress, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the catalog holds rows. Without dataset info this is a seed that did not finish (the info is
    /// written last, the catalog first), which is cleared and seeded again.
    /// </summary>
    Task<bool> HasCatalogAsync(CancellationToken cancellationToken);

    /// <summary>Removes every user, charge, bill, run and the dataset info.</summary>
    Task ClearAsync(CancellationToken cancellationToken);
}

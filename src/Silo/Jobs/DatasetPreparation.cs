using System.Diagnostics;
using BillForU.Domain.Generation;
using BillForU.Domain.Security;
using BillForU.Storage;

namespace BillForU.Silo.Jobs;

/// <summary>Makes sure the database holds the requested demo dataset: seeds it once, refuses to mix datasets.</summary>
public sealed class DatasetPreparation(IDatasetSeeder seeder, ContactCipher cipher, LookupHasher hasher, TextWriter output)
{
    /// <returns>Null when the dataset is ready; otherwise why it is not.</returns>
    public async Task<string?> EnsureAsync(DatasetSpec spec, bool reset, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var existing = await seeder.GetDatasetInfoAsync(cancellationToken);
        if (existing is not null && existing.Seed == spec.Seed && existing.Users == spec.Users && existing.Month == spec.Month.ToString())
        {
            await output.WriteLineAsync($"Dataset: {existing.Users:N0} users (seed {existing.Seed}, {existing.Month}) already loaded.");
            return null;
        }
        if (existing is not null)
        {
            if (!reset)
            {
                return $"the database holds another dataset ({existing.Users:N0} users, seed {existing.Seed}, month {existing.Month}); "
                    + "pass the same --users/--seed/--month, or --reset to replace it.";
            }
            await output.WriteLineAsync("Dataset: clearing the previous dataset (--reset).");
            await seeder.ClearAsync(cancellationToken);
        }
        else if (await seeder.HasCatalogAsync(cancellationToken))
        {
            // A run killed while seeding: the dataset info is written last, so the rows present are an unfinished seed.
            await output.WriteLineAsync("Dataset: clearing a seed that did not finish.");
            await seeder.ClearAsync(cancellationToken);
        }

        var progress = ConsoleProgress.ForConsole(output);
        var generator = new DemoDataGenerator(spec, cipher, hasher, zone);
        var stopwatch = Stopwatch.StartNew();
        var reporter = new SynchronousProgress<SeedProgress>(p =>
            progress.Report("Seeding ", p.UsersTotal == 0 ? 1 : (double)p.UsersDone / p.UsersTotal, $"{p.UsersDone:N0}/{p.UsersTotal:N0} users, {p.RowsPerSecond:N0} rows/s"));
        var rows = await seeder.SeedAsync(generator, reporter, cancellationToken);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        progress.Complete("Seeding ", $"{spec.Users:N0} users, {rows:N0} rows in {seconds:F1} s ({rows / Math.Max(seconds, 0.001):N0} rows/s)");
        return null;
    }
}

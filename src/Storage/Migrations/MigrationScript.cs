using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace BillForU.Storage.Migrations;

/// <summary>
/// One versioned migration: an embedded resource <c>Migrations/{dialect}/V{version}__{name}.sql</c>.
/// Versions are applied once each, in ascending order, and never renumbered.
/// </summary>
internal sealed partial record MigrationScript(int Version, string Name, string Sql)
{
    public static IReadOnlyList<MigrationScript> For(string dialect)
    {
        var assembly = typeof(MigrationScript).Assembly;
        var prefix = $"Migrations/{dialect}/";
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }
            var match = FileName().Match(resource[prefix.Length..]);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration resource '{resource}' is not named V<version>__<name>.sql.");
            }
            scripts.Add(new MigrationScript(
                int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
                match.Groups[2].Value,
                Read(assembly, resource)));
        }
        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"{dialect} has more than one migration numbered {duplicate.Key}.");
        }
        return scripts.OrderBy(s => s.Version).ToArray();
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Migration resource '{resource}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^V(\d+)__([A-Za-z0-9_]+)\.sql$")]
    private static partial Regex FileName();
}

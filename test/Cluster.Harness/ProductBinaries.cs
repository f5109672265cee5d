using System.Reflection;

namespace BillForU.Cluster.Harness;

/// <summary>The built silo and admin API, run with the same dotnet host as this process.</summary>
public static class ProductBinaries
{
    public static string SiloDll => Find("BillForU.SiloDll");

    public static string AdminApiDll => Find("BillForU.AdminApiDll");

    /// <summary>The dotnet executable (the SDK sets DOTNET_HOST_PATH for test hosts; otherwise the one on PATH).</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string Find(string key)
    {
        var path = typeof(ProductBinaries).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
            ?? throw new InvalidOperationException($"This build does not record {key}.");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} does not exist: build the solution (or the project referencing Cluster.Harness) first, in the same configuration.");
    }
}

using BillForU.Cluster.Harness;

namespace BillForU.Cluster.Tests.Support;

/// <summary>Runs a drill's body and, when it fails, writes every process's output tail to the test output before rethrowing.</summary>
internal static class DrillRun
{
    public static async Task RunAsync(LocalCluster cluster, ITestOutputHelper output, Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception)
        {
            output.WriteLine(cluster.Describe());
            throw;
        }
    }
}

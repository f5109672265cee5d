using BillForU.TestSupport;

namespace BillForU.Cluster.Tests;

/// <summary>
/// The failure drills run one at a time (each starts several processes on a 2-core machine) and share one MariaDB
/// server; every drill has its own database, Redis, Kafka mock, captures and cluster id.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClusterDrills : ICollectionFixture<MariaDbServer>
{
    public const string Name = "Cluster drills";
}

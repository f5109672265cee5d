using BillForU.TestSupport;

namespace BillForU.Grains.Tests.Support;

[CollectionDefinition(MariaDbServer.Collection)]
public sealed class MariaDbCollection : ICollectionFixture<MariaDbServer>;

using BillForU.TestSupport;

namespace BillForU.Storage.Tests;

/// <summary>One MariaDB server for every test class of this assembly that joins the collection.</summary>
[CollectionDefinition(MariaDbServer.Collection)]
public sealed class MariaDbCollection : ICollectionFixture<MariaDbServer>;

namespace BillForU.AdminApi.Tests;

/// <summary>One API with its in-process silo and a settled month for all test classes: starting a silo per class would dominate the run.</summary>
[CollectionDefinition(Name)]
public sealed class AdminApiCollection : ICollectionFixture<AdminApiFactory>
{
    public const string Name = "admin-api";
}

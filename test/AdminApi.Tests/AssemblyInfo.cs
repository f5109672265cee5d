// Every test class shares one embedded silo (AdminApiCollection); one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

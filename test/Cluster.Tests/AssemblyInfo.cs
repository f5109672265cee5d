// The drills are heavy and timing-sensitive: never run two at once.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

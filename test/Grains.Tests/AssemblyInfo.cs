// Each test runs its own Orleans cluster; on two cores they are faster one at a time, and the
// stream probe's record of received bills is shared.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

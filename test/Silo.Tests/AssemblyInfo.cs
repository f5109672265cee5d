// Main-job tests share the console-less command line and each start a silo: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

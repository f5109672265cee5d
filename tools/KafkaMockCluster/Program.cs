using BillForU.Kafka.MockCluster;
using BillForU.KafkaMockCluster;

// Usage: KafkaMockCluster [--brokers N] [--bootstrap-file PATH] [--topic name:partitions]...
// Commands on stdin, one per line: see MockClusterCommands.Help.
var arguments = MockClusterArguments.Parse(args);
using var cluster = MockKafkaCluster.Start(arguments.Brokers);
foreach (var (topic, partitions) in arguments.Topics)
{
    cluster.CreateTopic(topic, partitions);
}

if (arguments.BootstrapFile is { } file)
{
    // Written whole under a temporary name, then moved, so a watcher never reads half a line.
    var temporary = file + ".tmp";
    await File.WriteAllTextAsync(temporary, cluster.BootstrapServers + Environment.NewLine);
    File.Move(temporary, file, overwrite: true);
}

Console.WriteLine($"bootstrap {cluster.BootstrapServers}");
// Not disposed: the exit handlers below may fire after Main returned.
var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

var commands = new MockClusterCommands(cluster, Console.Out);
string? line;
while (!stop.IsCancellationRequested && (line = await Console.In.ReadLineAsync(stop.Token)) is not null)
{
    if (!commands.Execute(line))
    {
        return 0;
    }
}

// Standard input closed (for example under CI): keep serving until stopped.
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Stopped by a signal.
}

return 0;

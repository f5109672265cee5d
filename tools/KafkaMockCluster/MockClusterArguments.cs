using System.Globalization;

namespace BillForU.KafkaMockCluster;

/// <summary>Command-line arguments of the tool.</summary>
internal sealed record MockClusterArguments(int Brokers, string? BootstrapFile, IReadOnlyList<(string Topic, int Partitions)> Topics)
{
    public static MockClusterArguments Parse(string[] args)
    {
        var brokers = 3;
        string? bootstrapFile = null;
        var topics = new List<(string, int)>();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--brokers":
                    brokers = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--bootstrap-file":
                    bootstrapFile = value;
                    break;
                case "--topic":
                    var parts = value.Split(':');
                    topics.Add((parts[0], parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 1));
                    break;
                default:
                    throw new ArgumentException($"Unknown argument {args[i]}");
            }

            i++;
        }

        return new MockClusterArguments(brokers, bootstrapFile, topics);
    }
}

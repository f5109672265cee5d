using System.Globalization;
using BillForU.Kafka.MockCluster;

namespace BillForU.KafkaMockCluster;

/// <summary>Fault-injection commands read from standard input.</summary>
internal sealed class MockClusterCommands(MockKafkaCluster cluster, TextWriter output)
{
    public const string Help =
        "commands: topic NAME PARTITIONS | delete NAME | down BROKER | up BROKER | " +
        "errors APIKEY CODE... | clear APIKEY | bootstrap | quit";

    /// <summary>Runs one command line; false when the tool should exit.</summary>
    public bool Execute(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return true;
        }

        try
        {
            switch (words[0])
            {
                case "quit":
                    return false;
                case "topic":
                    cluster.CreateTopic(words[1], Number(words[2]));
                    break;
                case "delete":
                    cluster.DeleteTopic(words[1]);
                    break;
                case "down":
                    cluster.SetBrokerDown(Number(words[1]));
                    break;
                case "up":
                    cluster.SetBrokerUp(Number(words[1]));
                    break;
                case "errors":
                    cluster.PushRequestErrors((KafkaApiKey)Number(words[1]), words.Skip(2).Select(Number).ToArray());
                    break;
                case "clear":
                    cluster.ClearRequestErrors((KafkaApiKey)Number(words[1]));
                    break;
                case "bootstrap":
                    output.WriteLine($"bootstrap {cluster.BootstrapServers}");
                    return true;
                default:
                    output.WriteLine(Help);
                    return true;
            }

            output.WriteLine("ok");
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            output.WriteLine($"error {exception.Message}");
        }

        return true;
    }

    private static int Number(string word) => int.Parse(word, CultureInfo.InvariantCulture);
}

using System.Globalization;

namespace BillForU.AdminApi.Tests;

/// <summary>Reads samples out of a Prometheus text exposition.</summary>
public sealed class PrometheusScrape(string text)
{
    public string Text { get; } = text;

    /// <summary>The value of the one sample of <paramref name="metric"/> carrying every given label, or null if there is none.</summary>
    public double? Value(string metric, params (string Name, string Value)[] labels)
    {
        var samples = Text.Split('\n')
            .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))
            .Where(line => labels.All(l => line.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            .ToArray();
        if (samples.Length == 0)
        {
            return null;
        }
        var sample = Assert.Single(samples);
        var afterLabels = sample[(sample.LastIndexOf('}') + 1)..].Trim();
        return double.Parse(afterLabels.Split(' ')[0], CultureInfo.InvariantCulture);
    }
}

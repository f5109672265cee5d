using System.Collections.Concurrent;
using BillForU.Hosting.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BillForU.Silo.Tests;

/// <summary>Every log sink of a BillForU silo sees contacts masked, whoever logged them.</summary>
public sealed class LogRedactionTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("billforu-logs-");

    [Fact]
    public async Task A_contact_logged_in_plain_text_reaches_the_sink_masked()
    {
        var sink = new CapturingProvider();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(sink);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["BillForU:DataDirectory"] = _directory.FullName });
        await builder.AddBillForUSiloAsync(CancellationToken.None);
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Test");

#pragma warning disable CA1848, CA2254 // a careless call site is exactly what this guards against
        logger.LogWarning("SMTP said 550 for {Recipient}; SMS to 010-9876-5432 failed", "kim.minjun@example.com");
        logger.LogError(new InvalidOperationException("rejected <kim.minjun@example.com>"), "send failed");
#pragma warning restore CA1848, CA2254

        var lines = sink.Lines.ToArray();
        Assert.Contains("SMTP said 550 for ki****@example.com; SMS to 010-****-5432 failed", lines);
        Assert.Contains(lines, l => l.Contains("ki****@example.com", StringComparison.Ordinal) && l.StartsWith("send failed", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("kim.minjun@", StringComparison.Ordinal) || l.Contains("9876-5432", StringComparison.Ordinal));
        Assert.Contains(sink.Values, v => v == "ki****@example.com");
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private sealed class CapturingProvider : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ConcurrentQueue<string> Values { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Lines.Enqueue(exception is null ? formatter(state, exception) : $"{formatter(state, exception)} {exception}");
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (_, value) in pairs)
                {
                    Values.Enqueue(value?.ToString() ?? string.Empty);
                }
            }
        }

        public void Dispose()
        {
        }
    }
}

using BillForU.Hosting.Redis;
using BillForU.Hosting.Storage;
using BillForU.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;

namespace BillForU.Silo.Tests;

/// <summary>The cluster mode's grain storage against a real redis-server: round trips, ETag conflicts, and batching.</summary>
public sealed class BatchedRedisGrainStorageTests : IAsyncLifetime
{
    private const string ServiceId = "billforu-test";
    private static readonly IGrainStorageSerializer Serializer =
        new OrleansGrainStorageSerializer(new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>());

    private RedisServer _redis = null!;
    private readonly List<SiloLifecycleSubject> _lifecycles = [];

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var lifecycle in _lifecycles)
        {
            await lifecycle.OnStop();
        }
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Written_state_is_read_back_by_another_silo_from_the_key_orleans_uses()
    {
        var writer = await StartStorageAsync();
        var grain = GrainId.Create("notification", "42");
        var written = new GrainState<List<string>>(["EMAIL", "Sent"]);

        await writer.WriteStateAsync("notification", grain, written);
        var read = new GrainState<List<string>>();
        await (await StartStorageAsync()).ReadStateAsync("notification", grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(["EMAIL", "Sent"], read.State);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var hash = await redis.GetDatabase().HashGetAllAsync($"{ServiceId}/state/notification/42/notification");
        Assert.Equal(["data", "etag"], hash.Select(e => e.Name.ToString()).Order());
        Assert.Equal(written.ETag, hash.Single(e => e.Name == "etag").Value.ToString());
    }

    [Fact]
    public async Task A_grain_with_no_state_reads_as_new()
    {
        var read = new GrainState<List<string>>();

        await (await StartStorageAsync()).ReadStateAsync("notification", GrainId.Create("notification", "7"), read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Empty(read.State!);
    }

    [Fact]
    public async Task A_write_from_a_stale_etag_is_refused_and_the_rest_of_its_batch_is_written()
    {
        var first = await StartStorageAsync();
        var second = await StartStorageAsync();
        var contested = GrainId.Create("notification", "1");
        var stale = new GrainState<List<string>>();
        await second.ReadStateAsync("notification", contested, stale);
        await first.WriteStateAsync("notification", contested, new GrainState<List<string>>(["first"]));

        var others = Enumerable.Range(2, 300).Select(i => (Grain: GrainId.Create("notification", $"{i}"), State: new GrainState<List<string>>([$"{i}"]))).ToArray();
        var writes = others.Select(o => second.WriteStateAsync("notification", o.Grain, o.State)).ToList();
        stale.State = ["second"];
        var refused = Assert.ThrowsAsync<InconsistentStateException>(() => second.WriteStateAsync("notification", contested, stale));
        await Task.WhenAll(writes);
        await refused;

        var kept = new GrainState<List<string>>();
        await first.ReadStateAsync("notification", contested, kept);
        Assert.Equal(["first"], kept.State);
        foreach (var (grain, state) in others)
        {
            var read = new GrainState<List<string>>();
            await first.ReadStateAsync("notification", grain, read);
            Assert.Equal(state.State, read.State);
            Assert.Equal(state.ETag, read.ETag);
        }
    }

    [Fact]
    public async Task Concurrent_grains_share_a_script_call_per_batch()
    {
        var storage = await StartStorageAsync();
        var grains = Enumerable.Range(1, 2_000).Select(i => GrainId.Create("notification", $"{i}")).ToArray();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration + ",allowAdmin=true");
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        await server.ExecuteAsync("CONFIG", "RESETSTAT");

        await Task.WhenAll(grains.Select(g => storage.WriteStateAsync("notification", g, new GrainState<List<string>>([g.ToString()]))));
        var reads = grains.Select(_ => new GrainState<List<string>>()).ToArray();
        await Task.WhenAll(grains.Select((g, i) => storage.ReadStateAsync("notification", g, reads[i])));

        Assert.All(grains.Zip(reads), pair => Assert.Equal([pair.First.ToString()], pair.Second.State));
        var scriptCalls = ScriptCalls((string)(await server.ExecuteAsync("INFO", "commandstats"))!);
        Assert.InRange(scriptCalls, 2 * (2_000 / 256), 200);
    }

    [Fact]
    public async Task Cleared_state_is_gone_and_a_stale_clear_is_refused()
    {
        var storage = await StartStorageAsync();
        var grain = GrainId.Create("notification", "9");
        var state = new GrainState<List<string>>(["x"]);
        await storage.WriteStateAsync("notification", grain, state);
        var stale = new GrainState<List<string>> { ETag = "not-the-etag" };

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("notification", grain, stale));
        await storage.ClearStateAsync("notification", grain, state);
        var read = new GrainState<List<string>>();
        await storage.ReadStateAsync("notification", grain, read);

        Assert.False(state.RecordExists);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task Requests_queued_behind_a_batch_that_times_out_fail_with_it_and_writes_work_again_after()
    {
        var storage = await StartStorageAsync(",asyncTimeout=1000,syncTimeout=1000");
        var writes = Enumerable.Range(1, 2_000).Select(i => (GrainId.Create("notification", $"{i}"), new GrainState<List<string>>(["x"]))).ToArray();
        await _redis.FreezeAsync();
        Task[] pending;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            pending = writes.Select(w => storage.WriteStateAsync("notification", w.Item1, w.Item2)).ToArray();
            await Task.WhenAny(Task.WhenAll(pending), Task.Delay(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            await _redis.ThawAsync();
        }

        // Eight batches failing one after another would take eight time-outs; the first one's failure takes them all.
        Assert.All(pending, p => Assert.IsType<RedisTimeoutException>(p.Exception?.InnerException));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(6));
        var after = new GrainState<List<string>>(["after"]);
        await storage.WriteStateAsync("notification", GrainId.Create("notification", "after"), after);
        Assert.True(after.RecordExists);
    }

    private static long ScriptCalls(string commandStats) =>
        commandStats.Split('\n')
            .Where(line => line.StartsWith("cmdstat_eval", StringComparison.Ordinal))
            .Sum(line => long.Parse(line.Split("calls=")[1].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture));

    private async Task<BatchedRedisGrainStorage> StartStorageAsync(string settings = "")
    {
        var storage = new BatchedRedisGrainStorage(
            "state", RedisConnectionOptions.Parse(_redis.Configuration + settings), Serializer,
            Options.Create(new ClusterOptions { ServiceId = ServiceId }), NullLogger<BatchedRedisGrainStorage>.Instance);
        var lifecycle = new SiloLifecycleSubject(NullLogger<SiloLifecycleSubject>.Instance);
        storage.Participate(lifecycle);
        await lifecycle.OnStart();
        _lifecycles.Add(lifecycle);
        return storage;
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using StackExchange.Redis;

namespace BillForU.Hosting.Storage;

/// <summary>
/// Grain state in Redis, in the layout of Orleans' Redis grain storage (the same keys, a hash of <c>etag</c> and
/// <c>data</c> each, ETag-checked writes), with the reads and writes of all the silo's grains gathered into batches of
/// one Lua call each (<see cref="GroupCommit{TRequest, TResult}"/>). A notice reads its state when its grain activates and
/// writes it before and after its send; one command per read and per write measured as a fifth of a cluster silo's CPU
/// (client, server and the wake-ups of both). The batches need every key on one server: a Redis Cluster is refused at
/// start.
/// </summary>
public sealed partial class BatchedRedisGrainStorage(
    string name,
    ConfigurationOptions redis,
    IGrainStorageSerializer serializer,
    IOptions<ClusterOptions> cluster,
    ILogger<BatchedRedisGrainStorage> logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    // A batch is one script, and Redis runs nothing else meanwhile: 256 grains are well under a millisecond.
    private const int MaxBatch = 256;

    private readonly RedisGrainStateKey _keys = new(cluster.Value.ServiceId);
    private Connected? _connected;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(OptionFormattingUtilities.Name<BatchedRedisGrainStorage>(name), ServiceLifecycleStage.ApplicationServices, ConnectAsync, CloseAsync);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (etag, data) = await Redis.Reads.RunAsync(_keys.For(stateName, grainId));
        grainState.ETag = etag.IsNullOrEmpty ? null : (string?)etag;
        if (grainState.ETag is not null && !data.IsNullOrEmpty)
        {
            grainState.State = serializer.Deserialize<T>((ReadOnlyMemory<byte>)data);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var next = Guid.NewGuid().ToString("N");
        var write = new StateWrite(_keys.For(stateName, grainId), grainState.ETag ?? "", next, serializer.Serialize(grainState.State).ToMemory());
        var outcome = await Redis.Writes.RunAsync(write);
        if (outcome.Resp2Type != ResultType.Integer)
        {
            throw Conflict(grainId, grainState.ETag, (string?)outcome);
        }
        grainState.ETag = next;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var outcome = await Redis.Database.ScriptEvaluateAsync(RedisStateScripts.Clear, [_keys.For(stateName, grainId)], [grainState.ETag ?? ""]);
        if (outcome.Resp2Type != ResultType.Integer)
        {
            throw Conflict(grainId, grainState.ETag, (string?)outcome);
        }
        grainState.ETag = null;
        grainState.State = Activator.CreateInstance<T>();
        grainState.RecordExists = false;
    }

    private Connected Redis => _connected ?? throw NotConnected();

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        if (connection.GetServers().Any(s => s.ServerType == ServerType.Cluster))
        {
            await connection.CloseAsync();
            throw new InvalidOperationException(
                $"Grain storage '{name}' batches many grains' keys into one script, which a Redis Cluster refuses across slots; point BillForU:Redis at a standalone Redis (with replicas if needed).");
        }
        var database = connection.GetDatabase();
        _connected = new Connected(connection, database,
            new(keys => ReadBatchAsync(database, keys), MaxBatch), new(writes => WriteBatchAsync(database, writes), MaxBatch));
        LogConnected(name, string.Join(", ", connection.GetEndPoints().Select(e => e.ToString())));
    }

    private async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (_connected is { Connection: var connection })
        {
            await connection.CloseAsync();
            connection.Dispose();
        }
    }

    private static async Task<IReadOnlyList<(RedisValue ETag, RedisValue Data)>> ReadBatchAsync(IDatabase database, IReadOnlyList<RedisKey> keys)
    {
        var found = (RedisResult[])(await database.ScriptEvaluateAsync(RedisStateScripts.Read, [.. keys]).ConfigureAwait(false))!;
        var states = new (RedisValue, RedisValue)[keys.Count];
        for (var i = 0; i < states.Length; i++)
        {
            states[i] = ((RedisValue)found[2 * i], (RedisValue)found[(2 * i) + 1]);
        }
        return states;
    }

    private static async Task<IReadOnlyList<RedisResult>> WriteBatchAsync(IDatabase database, IReadOnlyList<StateWrite> writes)
    {
        var keys = new RedisKey[writes.Count];
        var values = new RedisValue[writes.Count * 3];
        for (var i = 0; i < writes.Count; i++)
        {
            keys[i] = writes[i].Key;
            (values[3 * i], values[(3 * i) + 1], values[(3 * i) + 2]) = (writes[i].Expected, writes[i].Next, writes[i].Data);
        }
        return (RedisResult[])(await database.ScriptEvaluateAsync(RedisStateScripts.Write, keys, values).ConfigureAwait(false))!;
    }

    private InconsistentStateException Conflict(GrainId grainId, string? expected, string? stored) =>
        new($"State of {grainId} in grain storage '{name}' was written by another activation.", string.IsNullOrEmpty(stored) ? "(none)" : stored, expected ?? "(none)");

    private InvalidOperationException NotConnected() => new($"Grain storage '{name}' is used before the silo connected it to Redis.");

    [LoggerMessage(4101, LogLevel.Information, "Grain storage {Name} on Redis {Endpoints}, reads and writes batched")]
    private partial void LogConnected(string name, string endpoints);

    private readonly record struct StateWrite(RedisKey Key, RedisValue Expected, RedisValue Next, RedisValue Data);

    private sealed record Connected(
        ConnectionMultiplexer Connection,
        IDatabase Database,
        GroupCommit<RedisKey, (RedisValue ETag, RedisValue Data)> Reads,
        GroupCommit<StateWrite, RedisResult> Writes);
}

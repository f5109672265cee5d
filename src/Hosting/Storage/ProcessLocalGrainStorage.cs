using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Storage;

namespace BillForU.Hosting.Storage;

/// <summary>
/// Grain state of the embedded mode, kept in this process's memory. Orleans' memory storage routes every
/// read and write through storage grains so that several silos can share it; the embedded mode has one
/// silo, and at a million notices that extra grain call per write is most of a notice's cost. State is
/// stored serialized (so a grain never shares objects with the store) and guarded by ETags like any store.
/// It dies with the process: the SQL delivery log is the backstop (design §7).
/// </summary>
public sealed class ProcessLocalGrainStorage(IGrainStorageSerializer serializer) : IGrainStorage
{
    // Many lock stripes and room for a month's notices from the start: with the default (one stripe per core) and
    // growth by doubling, the grains of a million-notice run spent a sixth of their lock time waiting on each other.
    private readonly ConcurrentDictionary<(string State, GrainId Grain), Entry> _entries = new(concurrencyLevel: 64, capacity: 1 << 20);
    private long _version;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_entries.TryGetValue((stateName, grainId), out var entry))
        {
            grainState.State = serializer.Deserialize<T>(entry.Data);
            grainState.ETag = entry.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State ??= Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        var etag = Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture);
        var written = new Entry(serializer.Serialize(grainState.State), etag);
        var expected = grainState.ETag;
        _entries.AddOrUpdate(
            key,
            _ => expected is null ? written : throw Inconsistent(grainId, expected, null),
            (_, current) => current.ETag == expected ? written : throw Inconsistent(grainId, expected, current.ETag));
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _entries.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static InconsistentStateException Inconsistent(GrainId grainId, string? expected, string? stored) =>
        new($"State of {grainId} was written by another activation.", stored ?? "(none)", expected ?? "(none)");

    private sealed record Entry(BinaryData Data, string ETag);
}

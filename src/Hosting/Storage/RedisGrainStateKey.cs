using System.Text;
using StackExchange.Redis;

namespace BillForU.Hosting.Storage;

/// <summary>
/// Where a grain's state lives in Redis: the key Orleans' own Redis grain storage uses
/// (<c>{serviceId}/state/{grain type}/{grain key}/{state name}</c>), so state written by either store is found by the other.
/// </summary>
internal sealed class RedisGrainStateKey(string serviceId)
{
    private readonly byte[] _prefix = Encoding.UTF8.GetBytes($"{serviceId}/state/");

    public RedisKey For(string stateName, GrainId grainId)
    {
        var type = IdSpan.UnsafeGetArray(grainId.Type.Value) ?? [];
        var key = IdSpan.UnsafeGetArray(grainId.Key) ?? [];
        var name = Encoding.UTF8.GetByteCount(stateName);
        var bytes = new byte[_prefix.Length + type.Length + 1 + key.Length + 1 + name];
        var at = 0;
        _prefix.CopyTo(bytes, at);
        at += _prefix.Length;
        type.CopyTo(bytes, at);
        at += type.Length;
        bytes[at++] = (byte)'/';
        key.CopyTo(bytes, at);
        at += key.Length;
        bytes[at++] = (byte)'/';
        Encoding.UTF8.GetBytes(stateName, bytes.AsSpan(at));
        return bytes;
    }
}

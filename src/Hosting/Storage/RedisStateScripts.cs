namespace BillForU.Hosting.Storage;

/// <summary>
/// The Lua of <see cref="BatchedRedisGrainStorage"/>: one call reads or writes a whole batch of grains' hashes (fields
/// <c>etag</c> and <c>data</c>, the layout of Orleans' Redis grain storage). A write still checks each grain's ETag on
/// the server, as Orleans' single-key script does, so a second activation of a grain cannot overwrite the first's state.
/// </summary>
internal static class RedisStateScripts
{
    /// <summary>KEYS: the grains' keys. Returns etag, data for each key in turn (nil where missing).</summary>
    public const string Read = """
        local out = {}
        for i, key in ipairs(KEYS) do
          local found = redis.call('HMGET', key, 'etag', 'data')
          out[2 * i - 1] = found[1]
          out[2 * i] = found[2]
        end
        return out
        """;

    /// <summary>
    /// KEYS: the grains' keys; ARGV: expected etag ('' for none), new etag, data for each key in turn. Returns per key 0
    /// when written, else the etag on record ('' for none).
    /// </summary>
    public const string Write = """
        local out = {}
        for i, key in ipairs(KEYS) do
          local expected = ARGV[3 * i - 2]
          local etag = redis.call('HGET', key, 'etag')
          if ((not etag or etag == '') and expected == '') or etag == expected then
            redis.call('HSET', key, 'etag', ARGV[3 * i - 1], 'data', ARGV[3 * i])
            out[i] = 0
          else
            out[i] = etag or ''
          end
        end
        return out
        """;

    /// <summary>KEYS[1]: the grain's key; ARGV[1]: expected etag. Deletes the hash: 0, else the etag on record.</summary>
    public const string Clear = """
        local etag = redis.call('HGET', KEYS[1], 'etag')
        if ((not etag or etag == '') and ARGV[1] == '') or etag == ARGV[1] then
          redis.call('DEL', KEYS[1])
          return 0
        end
        return etag or ''
        """;
}

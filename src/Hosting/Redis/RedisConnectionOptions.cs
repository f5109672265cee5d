using StackExchange.Redis;

namespace BillForU.Hosting.Redis;

/// <summary>The StackExchange.Redis options every BillForU Redis connection (membership, grain state, reminders) is made with.</summary>
public static class RedisConnectionOptions
{
    /// <summary>
    /// <paramref name="configuration"/> (a StackExchange.Redis configuration string), with socket I/O completed on the
    /// .NET thread pool. The library's default is its own dedicated pool of spinning workers: on a silo with a few cores
    /// that measured as a sixth of the process's CPU during dispatch, taken from the grains.
    /// </summary>
    public static ConfigurationOptions Parse(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.SocketManager = SocketManager.ThreadPool;
        return options;
    }
}

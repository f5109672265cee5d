using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using MySqlConnector;

namespace BillForU.Storage.Outages;

/// <summary>
/// Tells a store that is down or locked (worth waiting out) from a failure that retrying cannot fix. Only the stores'
/// own signs count: an <see cref="IOException"/> elsewhere (a disk, a bug) still fails the work as before.
/// </summary>
public static class StorageFaults
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public static bool IsOutage(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StorageUnavailableException:
                case MySqlException { IsTransient: true }:
                case MySqlException { ErrorCode: MySqlErrorCode.UnableToConnectToHost or MySqlErrorCode.ServerShutdown or MySqlErrorCode.CommandTimeoutExpired }:
                // A connection lost mid-command: the server went away under it.
                case MySqlException { InnerException: IOException or SocketException }:
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }:
                    return true;
            }
        }
        return false;
    }

    /// <summary>One line for logs and health: the message and its innermost cause, no stack trace.</summary>
    public static string Describe(Exception failure)
    {
        var inner = failure.GetBaseException();
        return inner == failure || failure.Message.Contains(inner.Message, StringComparison.Ordinal)
            ? $"{failure.GetType().Name}: {failure.Message}"
            : $"{failure.GetType().Name}: {failure.Message} ({inner.Message})";
    }
}

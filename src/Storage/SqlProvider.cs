namespace BillForU.Storage;

public enum SqlProvider
{
    /// <summary>The embedded file database (SQLite): no server needed.</summary>
    Sqlite = 1,

    /// <summary>MySQL 8 or MariaDB through MySqlConnector.</summary>
    MySql = 2,
}

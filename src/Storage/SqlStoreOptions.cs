namespace BillForU.Storage;

/// <summary>Which SQL database BillForU keeps its data in.</summary>
public sealed class SqlStoreOptions
{
    public SqlProvider Provider { get; set; } = SqlProvider.Sqlite;

    /// <summary>
    /// For SQLite a Microsoft.Data.Sqlite connection string (<c>Data Source=data/billforu.db</c>);
    /// for MySQL a MySqlConnector connection string (it must allow <c>AllowLoadLocalInfile=true</c> for bulk loads).
    /// </summary>
    public string ConnectionString { get; set; } = "Data Source=data/billforu.db";
}

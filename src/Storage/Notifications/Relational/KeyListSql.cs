using System.Data.Common;
using System.Globalization;
using System.Text;

using BillForU.Storage.Relational;

namespace BillForU.Storage.Notifications.Relational;

/// <summary>
/// How a statement names a set of keys in <c>IN (…)</c>: one parameter per key, or one JSON array parameter where the
/// engine can read it as a table. SQLite binds parameters by name with a linear search each, and prepares the statement
/// anew for every command, so 500 named keys cost more than the query; a single JSON array keeps the text short and
/// the same for every batch.
/// </summary>
internal abstract class KeyListSql
{
    /// <summary>@k0, @k1, …: every engine.</summary>
    public static readonly KeyListSql ParameterPerKey = new Parameters();

    /// <summary>One parameter @keys holding a JSON array, read with SQLite's <c>json_each</c>.</summary>
    public static readonly KeyListSql SqliteJsonArray = new JsonArray();

    /// <summary>What goes inside <c>IN (…)</c> for <paramref name="count"/> keys.</summary>
    public abstract string In(int count);

    public abstract void Bind(DbCommand command, IReadOnlyList<long> keys);

    private sealed class Parameters : KeyListSql
    {
        public override string In(int count) => string.Join(", ", Enumerable.Range(0, count).Select(Name));

        public override void Bind(DbCommand command, IReadOnlyList<long> keys)
        {
            for (var i = 0; i < keys.Count; i++)
            {
                command.AddParameter(Name(i), keys[i]);
            }
        }

        private static string Name(int index) => "@k" + index.ToString(CultureInfo.InvariantCulture);
    }

    private sealed class JsonArray : KeyListSql
    {
        public override string In(int count) => "SELECT value FROM json_each(@keys)";

        public override void Bind(DbCommand command, IReadOnlyList<long> keys)
        {
            var json = new StringBuilder(keys.Count * 12 + 2).Append('[');
            for (var i = 0; i < keys.Count; i++)
            {
                json.Append(i == 0 ? "" : ",").Append(keys[i].ToString(CultureInfo.InvariantCulture));
            }
            command.AddParameter("@keys", json.Append(']').ToString());
        }
    }
}

using System.Data.Common;

namespace Itsm.Persistence;

/// <summary>PostgreSQL's part of the shared <see cref="StoredRows"/>: is_open is a boolean.</summary>
internal static partial class StoredRows
{
    private static partial bool ReadIsOpen(DbDataReader reader, int ordinal) => reader.GetBoolean(ordinal);
}

using System.Data.Common;

namespace Itsm.Persistence;

/// <summary>SQLite's part of the shared <see cref="StoredRows"/>: it has no boolean type, so is_open is an integer.</summary>
internal static partial class StoredRows
{
    private static partial bool ReadIsOpen(DbDataReader reader, int ordinal) => reader.GetInt64(ordinal) != 0;
}

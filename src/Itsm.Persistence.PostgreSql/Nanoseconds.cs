namespace Itsm.Persistence;

/// <summary>How this adapter names itself in the messages of the shared <see cref="Nanoseconds"/> (src/Shared/Persistence).</summary>
internal static partial class Nanoseconds
{
    private const string StoreDescription = "the PostgreSQL store";
}

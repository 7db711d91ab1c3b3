namespace Itsm.Import;

/// <summary>How many tickets were refused for one reason, with the first such ticket as an example.</summary>
/// <param name="Category">The category (see <see cref="ImportRefusal.Category"/>).</param>
/// <param name="Count">How many tickets.</param>
/// <param name="Example">The first ticket refused for it.</param>
public sealed record ImportRefusalCategory(string Category, int Count, ImportRefusal Example);

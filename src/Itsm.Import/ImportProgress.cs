namespace Itsm.Import;

/// <summary>How far an import has come: reported after every few thousand rows read, after every stored batch, and once when done.</summary>
/// <param name="Phase">What the import is doing.</param>
/// <param name="RowsRead">The rows read so far (all of them once <see cref="ImportPhase.Importing"/> starts).</param>
/// <param name="Tickets">The tickets in the file; 0 while reading.</param>
/// <param name="TicketsDone">The tickets accepted, refused or found already imported so far.</param>
/// <param name="Accepted">The tickets whose whole history was accepted and stored so far.</param>
/// <param name="AlreadyImported">The tickets skipped because an earlier import stored them.</param>
/// <param name="Refused">The tickets refused so far.</param>
public readonly record struct ImportProgress(ImportPhase Phase, long RowsRead, int Tickets, int TicketsDone, int Accepted, int AlreadyImported, int Refused);

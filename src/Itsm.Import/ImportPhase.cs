namespace Itsm.Import;

/// <summary>What an import is doing, in <see cref="ImportProgress"/>.</summary>
public enum ImportPhase
{
    /// <summary>Reading the file's rows and grouping them by ticket.</summary>
    Reading = 0,

    /// <summary>Replaying tickets and storing the accepted ones in batches.</summary>
    Importing = 1,

    /// <summary>Finished: the figures are final.</summary>
    Done = 2,
}

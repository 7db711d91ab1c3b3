using System.Collections.Generic;
using Itsm.Persistence.Contract.Stress;

namespace Itsm.Persistence.Sqlite.Tests.Stress;

/// <summary>Starts this store's worker process (tests/Itsm.Persistence.Sqlite.Worker, copied next to the tests by Stress/Worker.props).</summary>
internal static class Worker
{
    public const string AssemblyName = "Itsm.Persistence.Sqlite.Worker";

    public static StoreWorkerProcess Start(params string[] arguments) => StoreWorkerProcess.Start(AssemblyName, null, arguments);
}

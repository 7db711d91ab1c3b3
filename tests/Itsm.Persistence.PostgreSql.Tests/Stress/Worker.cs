using System.Collections.Generic;
using Itsm.Persistence.Contract.Stress;

namespace Itsm.Persistence.PostgreSql.Tests.Stress;

/// <summary>Starts this store's worker process (tests/Itsm.Persistence.PostgreSql.Worker, copied next to the tests by Stress/Worker.props).</summary>
internal static class Worker
{
    public const string AssemblyName = "Itsm.Persistence.PostgreSql.Worker";

    public static StoreWorkerProcess Start(params string[] arguments) => StoreWorkerProcess.Start(AssemblyName, new Dictionary<string, string> { ["ITSM_POSTGRES_CONNECTION"] = PostgresServer.ConnectionString }, arguments);
}

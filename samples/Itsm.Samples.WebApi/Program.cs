using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace Itsm.Samples.WebApi;

/// <summary>
/// Runs the sample API: <c>dotnet run --project samples/Itsm.Samples.WebApi [-- --database path] [--urls url]</c>.
/// Defaults: <c>itsm-webapi.db</c> in the working directory, <c>http://127.0.0.1:5080</c>.
/// </summary>
public static class Program
{
    /// <summary>The entry point.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The work.</returns>
    public static async Task Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var database = "itsm-webapi.db";
        bool hasUrls = Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is not null;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--database" && i + 1 < args.Length)
            {
                database = args[i + 1];
            }
            else if (args[i].StartsWith("--database=", StringComparison.Ordinal))
            {
                database = args[i]["--database=".Length..];
            }

            hasUrls |= args[i].StartsWith("--urls", StringComparison.Ordinal);
        }

        var app = WebApiApp.Build(hasUrls ? args : [.. args, "--urls", "http://127.0.0.1:5080"], database);
        await app.StartAsync().ConfigureAwait(false);
        Console.WriteLine($"Itsm.Core sample API on {app.BoundAddress()} (database: {database}); Ctrl+C to stop.");
        await app.WaitForShutdownAsync().ConfigureAwait(false);
    }
}

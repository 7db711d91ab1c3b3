using System;
using Itsm.Samples.Import;
using Spectre.Console;

using var cancel = new System.Threading.CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return await ImportApp.RunAsync(args, AnsiConsole.Console, Console.Error, cancel.Token);

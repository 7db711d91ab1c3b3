using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Hosting;
using Itsm.Persistence;

namespace Itsm.Hosting.Tests.Support;

/// <summary>A handler that records what it handled, and can be told to fail or to hang until cancelled.</summary>
internal sealed class RecordingHandler(string name) : IItsmEventHandler
{
    private readonly ConcurrentQueue<FeedEntry> _handled = new();
    private readonly ConcurrentDictionary<(string Tenant, long Position), int> _attempts = new();
    private int _cancellations;

    public string Name => name;

    /// <summary>The exception to throw for an entry at an attempt (1 for the first call), or null to handle it.</summary>
    public Func<FeedEntry, int, Exception?> Fail { get; set; } = static (_, _) => null;

    /// <summary>Whether to hang on an entry until the call is cancelled.</summary>
    public Func<FeedEntry, bool> Hang { get; set; } = static _ => false;

    /// <summary>Completed when a call starts hanging.</summary>
    public TaskCompletionSource<FeedEntry> Hanging { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The entries handled (returned without error), in call order.</summary>
    public IReadOnlyList<FeedEntry> Handled => [.. _handled];

    public IReadOnlyList<long> Positions(TenantId tenant) => [.. Handled.Where(e => e.Tenant == tenant).Select(e => e.Position)];

    public int Cancellations => Volatile.Read(ref _cancellations);

    public int Attempts(TenantId tenant, long position) => _attempts.GetValueOrDefault((tenant.Value, position));

    public async ValueTask HandleAsync(FeedEntry entry, CancellationToken cancellationToken)
    {
        int attempt = _attempts.AddOrUpdate((entry.Tenant.Value, entry.Position), 1, static (_, n) => n + 1);
        if (Hang(entry))
        {
            Hanging.TrySetResult(entry);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _cancellations);
                throw;
            }
        }

        if (Fail(entry, attempt) is { } failure)
        {
            throw failure;
        }

        _handled.Enqueue(entry);
    }
}

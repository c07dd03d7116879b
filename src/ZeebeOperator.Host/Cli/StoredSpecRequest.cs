using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Host.Cli;

/// <summary>What a request verb did to the stored spec: its key, the generation it holds now, and whether it wrote.</summary>
internal sealed record StoredSpecEdit(string Key, long Generation, bool Written, ZeebeClusterDocument Document);

/// <summary>
/// The frame of the verbs that write a request into a stored spec (<c>delete</c>, <c>rollout restart</c>): read it,
/// refuse a missing or invalid one, write the edited document with a new generation and If-Match on the ETag read,
/// and follow the status with <c>--wait</c>.
/// </summary>
internal sealed class StoredSpecRequest(SpecVerbRunner runner)
{
    private CliConsole Console => runner.Console;

    /// <param name="what">The request, as in "the operator would not act on {what} in it".</param>
    /// <param name="edit">The requested document (its generation is set here), or null when the spec already holds the request.</param>
    /// <returns>The edit, or the exit code that ends the verb.</returns>
    public async Task<(StoredSpecEdit? Edit, int ExitCode)> WriteAsync(
        SpecStores stores,
        StoreTarget target,
        string cluster,
        string what,
        Func<ZeebeClusterDocument, ZeebeClusterDocument?> edit,
        CancellationToken cancellationToken)
    {
        var key = SpecKeys.KeyFor(cluster);
        var stored = await StoredSpecs.TryGetAsync(stores.Specs, key, cancellationToken);
        if (stored is null)
        {
            Console.Error.WriteLine($"No spec for cluster {cluster} ({key}) in {target.Describe()}.");
            return (null, ExitCodes.NotFound);
        }

        if (stored.Document is not { } spec)
        {
            // The operator acts on no field of an invalid spec, the request included.
            Console.Error.WriteLine($"The stored spec {key} is not valid, so the operator would not act on {what} in it; fix it with apply first:");
            stored.Parsed.Errors.ToList().ForEach(error => Console.Error.WriteLine($"  {error}"));
            return (null, ExitCodes.InvalidSpec);
        }

        if (edit(spec) is not { } requested)
        {
            return (new StoredSpecEdit(key, spec.Metadata.Generation, Written: false, spec), ExitCodes.Success);
        }

        var generation = spec.Metadata.Generation + 1;
        requested = requested with { Metadata = requested.Metadata with { Generation = generation } };
        try
        {
            await StoredSpecs.PutAsync(stores.Specs, key, SpecText.Render(requested), WriteCondition.Replacing(stored.ETag), cancellationToken);
        }
        catch (SpecConflictException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return (null, ExitCodes.Conflict);
        }

        return (new StoredSpecEdit(key, generation, Written: true, requested), ExitCodes.Success);
    }

    /// <summary><c>--wait</c>: progress on standard output (standard error with <c>-o json</c>) until the goal is reached.</summary>
    public async Task<WaitOutcome> WaitAsync(
        SpecStores stores, StoreTarget target, WaitTarget goal, TimeSpan timeout, OutputFormat format, CancellationToken cancellationToken)
    {
        var progress = format == OutputFormat.Json ? Console.Error : Console.Out;
        var waiter = new StatusWaiter(stores.Status, runner.Time, runner.RefreshInterval(target), progress);
        var waited = await waiter.WaitAsync([goal], timeout, cancellationToken);
        if (format == OutputFormat.Text)
        {
            WaitTimeout.WriteSummary(Console.Out, waited);
        }

        return waited[0];
    }
}

using System.CommandLine;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Host.Composition;

namespace ZeebeOperator.Host.Cli;

/// <summary>The options every spec verb shares: where the stores are, and the output format.</summary>
internal sealed class StoreOptions
{
    public Option<bool> Local { get; } = new("--local")
    {
        Description = "Use the local specs folder and the status and audit files `run --local` writes, instead of AWS.",
    };

    public Option<string> Specs { get; } = new("--specs")
    {
        Description = "With --local: the specs folder (as for `run --local`).",
        DefaultValueFactory = _ => "samples",
    };

    public Option<OutputFormat> Output { get; } = Cli.Output.CreateOption();

    /// <summary>Without <c>--local</c>: <c>--endpoint-url</c>, <c>--region</c>, <c>--bucket</c>, <c>--prefix</c>, <c>--table</c>.</summary>
    public AwsTargetOptions Aws { get; } = new();

    public void AddTo(Command command)
    {
        command.Options.Add(Local);
        command.Options.Add(Specs);
        command.Options.Add(Output);
        Aws.AddTo(command, Local);
    }

    public StoreTarget TargetOf(ParseResult parseResult, string currentDirectory) =>
        new(parseResult.GetValue(Local), Path.GetFullPath(parseResult.GetValue(Specs) ?? "samples", currentDirectory), Aws.ToConfiguration(parseResult));
}

/// <summary>The common frame of the spec verbs: open the stores, run, and turn backend failures into exit codes.</summary>
internal sealed class SpecVerbRunner(CliEnvironment environment)
{
    private readonly SpecStoresSource _source = environment.StoresSource
        ?? new HostedStores(environment.Wiring, environment.ConfigurationOverrides).Open;

    public CliConsole Console => environment.Console;

    public TimeProvider Time => environment.Time;

    /// <summary>How often <c>--wait</c> reads the status store: 1 s locally, 5 s against AWS, unless configured.</summary>
    public TimeSpan RefreshInterval(StoreTarget target) =>
        environment.StatusRefreshInterval ?? (target.Local ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5));

    public async Task<int> RunAsync(StoreTarget target, Func<SpecStores, Task<int>> body)
    {
        if (target.Local && !Directory.Exists(target.SpecsDirectory))
        {
            Console.Error.WriteLine($"Specs folder not found: {target.SpecsDirectory}");
            return ExitCodes.Failure;
        }

        SpecStores? stores = null;
        try
        {
            stores = _source(target);
            return await body(stores);
        }
        catch (BackendUnavailableException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return ExitCodes.BackendUnavailable;
        }
        catch (OptionsValidationException ex)
        {
            CliErrors.WriteConfigurationErrors(Console.Error, ex);
            return ExitCodes.InvalidConfiguration;
        }
        catch (AwsApiException ex) when (stores?.Explain(ex) is { } problem)
        {
            // The same line and exit code as run's start-up check gives for the bucket, the table or the endpoint.
            Console.Error.WriteLine($"error: {problem.Message}");
            return ExitCodes.ForPreflight(problem.Failure);
        }
        catch (AwsApiException ex)
        {
            Console.Error.WriteLine($"{ex.Service} {ex.Operation} failed: {ex.ErrorCode}: {ex.ErrorMessage}");
            return ExitCodes.Failure;
        }
        finally
        {
            stores?.Dispose();
        }
    }
}

/// <summary>A spec object from the store, read into the model: the document when it is valid, otherwise its problems.</summary>
internal sealed record StoredSpec(SpecContent Content, SpecParseResult Parsed)
{
    public string Key => Content.Key;

    public string ETag => Content.ETag;

    public ZeebeClusterDocument? Document => Parsed.Document;

    public static StoredSpec Read(SpecContent content) => new(content, SpecParser.Parse(content.Body));

    /// <summary>
    /// The generation <c>apply</c> writes for <paramref name="file"/> over this spec. The store's generation wins over
    /// the file's, so a file edited from an old copy still moves forward. A stored spec that is not valid has no
    /// generation to trust: the one the operator last acted on stands in, so the generation never goes back.
    /// </summary>
    public long GenerationOnApply(ZeebeClusterDocument file, bool changed, long? observedGeneration)
    {
        var stored = Document?.Metadata.Generation ?? observedGeneration ?? 0;
        return changed ? Math.Max(stored + 1, file.Metadata.Generation) : stored;
    }

    /// <summary>
    /// The generation <c>apply</c> writes for a spec with no stored object. A status left by an earlier cluster of the
    /// name (deleted, its object removed) holds the generation the operator last acted on, and status is never
    /// written over with an older one: the new spec moves past it, or the operator's status would stay the old one's.
    /// </summary>
    public static long GenerationOnCreate(ZeebeClusterDocument file, long? observedGeneration) =>
        observedGeneration is { } observed ? Math.Max(observed + 1, file.Metadata.Generation) : file.Metadata.Generation;
}

/// <summary>Reading and conditionally writing stored specs.</summary>
internal static class StoredSpecs
{
    /// <summary>The stored spec, or null when there is none.</summary>
    public static async Task<StoredSpec?> TryGetAsync(ISpecStore specs, string key, CancellationToken cancellationToken)
    {
        try
        {
            return StoredSpec.Read(await specs.GetAsync(key, cancellationToken));
        }
        catch (AwsApiException ex) when (ex.Kind == AwsErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes with the precondition; a failed precondition (or the object vanishing under an If-Match) becomes
    /// <see cref="SpecConflictException"/>.
    /// </summary>
    public static async Task<string> PutAsync(ISpecStore specs, string key, string body, WriteCondition condition, CancellationToken cancellationToken)
    {
        try
        {
            return await specs.PutAsync(key, body, condition, cancellationToken);
        }
        catch (AwsApiException ex) when (ex.Kind == AwsErrorKind.Conflict || (ex.Kind == AwsErrorKind.NotFound && !condition.IfNoneMatch))
        {
            var what = condition.IfNoneMatch
                ? $"{key} was created by someone else after we found it absent"
                : $"{key} was changed or removed by someone else after we read it (ETag {condition.IfMatch})";
            throw new SpecConflictException($"Conflict: {what}; nothing was written. Run the command again to apply on top of the current version.", ex);
        }
    }
}

/// <summary>A concurrent writer got there first: the conditional write was refused.</summary>
internal sealed class SpecConflictException(string message, Exception inner) : Exception(message, inner);

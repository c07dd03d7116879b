using Microsoft.Extensions.Options;
using ZeebeOperator.Aws;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Host.Composition;

/// <summary>What a start-up problem is about; each has its own exit code (<see cref="Cli.ExitCodes"/>).</summary>
internal enum PreflightFailure
{
    /// <summary>The backend cannot be called at all: no or rejected credentials, an endpoint that refuses or does not answer.</summary>
    Unreachable,

    /// <summary>The spec store (bucket) is missing, elsewhere, or not accessible.</summary>
    SpecStore,

    /// <summary>The status and audit store (table) is missing, not ready, misshapen, or not accessible.</summary>
    StatusStore,

    /// <summary>A configured queue (events, notifications) is missing or not accessible.</summary>
    Queue,
}

/// <summary>One problem found before start, as one sentence.</summary>
internal sealed record PreflightProblem(PreflightFailure Failure, string Message);

/// <param name="CreateTable">Create the status table when it is missing (<c>run --create-table</c>).</param>
internal sealed record PreflightRequest(bool CreateTable);

/// <summary>What the preflight found, and what it did (e.g. created the table).</summary>
internal sealed record PreflightResult(IReadOnlyList<PreflightProblem> Problems, IReadOnlyList<string> Actions)
{
    public static PreflightResult Passed { get; } = new([], []);
}

/// <summary>Checks a built (not yet started) host's backend before the control loop starts; registered by backends that can be checked.</summary>
internal interface IBackendPreflight
{
    Task<PreflightResult> RunAsync(PreflightRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// A failed call of the backend's stores as the problem the check would report for it (the same sentence and kind),
    /// so the spec verbs fail like <c>run</c>; null when it is not about the backend's stores.
    /// </summary>
    PreflightProblem? Explain(AwsApiException failure);
}

/// <summary>The AWS backend's check: the spec bucket, the table and the configured queues (<see cref="StartupCheck"/>), creating the table if asked.</summary>
internal sealed class AwsPreflight(StartupCheck check, IOptions<AwsOptions> options) : IBackendPreflight
{
    public async Task<PreflightResult> RunAsync(PreflightRequest request, CancellationToken cancellationToken)
    {
        var result = await check.RunAsync(request.CreateTable, cancellationToken);
        var problems = result.Problems.Select(ToPreflight);
        string[] actions = result.TableCreated
            ? [$"created DynamoDB table '{options.Value.TableName}' (see docs/aws.md for its key schema, index and TTL)"]
            : [];
        return new PreflightResult([.. problems], actions);
    }

    public PreflightProblem? Explain(AwsApiException failure) => check.Explain(failure) is { } problem ? ToPreflight(problem) : null;

    private static PreflightProblem ToPreflight(StartupProblem problem) => new(
        problem.Kind switch
        {
            StartupProblemKind.SpecBucket => PreflightFailure.SpecStore,
            StartupProblemKind.Table => PreflightFailure.StatusStore,
            StartupProblemKind.Queue => PreflightFailure.Queue,
            _ => PreflightFailure.Unreachable,
        },
        problem.Message);
}

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

/// <summary>Checks a built (not yet started) host's backend before the control loop starts.</summary>
internal delegate Task<PreflightResult> BackendPreflight(IServiceProvider services, PreflightRequest request, CancellationToken cancellationToken);

/// <summary>
/// A failed store call of a built host's backend as the problem the preflight would report for it (the same sentence
/// and kind); null when it is not about the backend's stores.
/// </summary>
internal delegate PreflightProblem? BackendFailureExplainer(IServiceProvider services, AwsApiException failure);

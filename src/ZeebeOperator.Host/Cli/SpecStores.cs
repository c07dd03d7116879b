using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Host.Composition;

namespace ZeebeOperator.Host.Cli;

/// <summary>Which stores a spec verb talks to: AWS (S3 and DynamoDB, from configuration) or a local specs folder.</summary>
/// <param name="SpecsDirectory">With <paramref name="Local"/>: the specs folder, already resolved to a full path.</param>
/// <param name="AwsConfiguration">Without <paramref name="Local"/>: the <c>Aws:*</c> keys given on the command line.</param>
internal sealed record StoreTarget(bool Local, string SpecsDirectory, IReadOnlyDictionary<string, string?>? AwsConfiguration = null)
{
    public string Describe() => Local ? $"the local specs folder {SpecsDirectory}" : "AWS";
}

/// <summary>The spec, status and audit stores of one backend, open for the length of one command.</summary>
internal sealed class SpecStores(ISpecStore specs, IClusterStatusStore status, IAuditLog audit, IDisposable? owner = null) : IDisposable
{
    public ISpecStore Specs { get; } = specs;

    public IClusterStatusStore Status { get; } = status;

    public IAuditLog Audit { get; } = audit;

    /// <summary>A failed store call as the start-up check's problem (bucket or table named, and what to do); null: none.</summary>
    public Func<AwsApiException, PreflightProblem?> Explain { get; init; } = _ => null;

    public void Dispose() => owner?.Dispose();
}

/// <summary>Opens the stores of a target; may throw an options validation error.</summary>
internal delegate SpecStores SpecStoresSource(StoreTarget target);

/// <summary>
/// The production <see cref="SpecStoresSource"/>: a host without the control loop, asked for its stores. Against AWS
/// that is the S3 spec store and the DynamoDB status and audit tables; locally the specs folder and the state
/// folder that <c>run --local</c> writes.
/// </summary>
internal sealed class HostedStores(BackendChoice backend, IReadOnlyDictionary<string, string?>? configurationOverrides)
{
    public SpecStores Open(StoreTarget target)
    {
        var host = OperatorHost.Build(
            new HostRequest(target.Local, target.Local ? target.SpecsDirectory : null, WithController: false),
            target.AwsConfiguration is { Count: > 0 } commandLine ? AwsTargetOptions.Merge(configurationOverrides, commandLine) : configurationOverrides,
            backend);
        try
        {
            host.Services.GetService<IStartupValidator>()?.Validate();
            var services = host.Services;
            // Registered by UseAws() only: local stores fail with their own messages.
            var preflight = services.GetService<IBackendPreflight>();
            return new SpecStores(
                services.GetRequiredService<ISpecStore>(),
                services.GetRequiredService<IClusterStatusStore>(),
                services.GetRequiredService<IAuditLog>(),
                host)
            {
                Explain = failure => preflight?.Explain(failure),
            };
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}

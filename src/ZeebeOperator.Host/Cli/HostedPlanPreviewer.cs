using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Host.Composition;

namespace ZeebeOperator.Host.Cli;

/// <summary>The production <see cref="PlanSource"/>: a host without the control loop, asked once for its planner.</summary>
internal sealed class HostedPlanPreviewer(BackendChoice backend, IReadOnlyDictionary<string, string?>? configurationOverrides, TimeProvider time)
{
    public async Task<PlanPreview> PreviewAsync(
        ZeebeClusterDocument document, bool local, IReadOnlyDictionary<string, string?> awsConfiguration, CancellationToken cancellationToken)
    {
        var overrides = awsConfiguration.Count > 0 ? AwsTargetOptions.Merge(configurationOverrides, awsConfiguration) : configurationOverrides;
        using var host = OperatorHost.Build(new HostRequest(local, SpecsDirectory: null, WithController: false), overrides, backend, time);

        // The host is not started (no hosted services for a one-shot command), so validate what starting would.
        host.Services.GetService<IStartupValidator>()?.Validate();
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IPlanPreviewer>().PreviewAsync(document, cancellationToken);
    }
}

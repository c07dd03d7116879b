using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using ZeebeOperator.Simulation;

namespace ZeebeOperator.Host.Composition;

/// <param name="Local">The simulated AWS account instead of real AWS.</param>
/// <param name="SpecsDirectory">With <paramref name="Local"/>: the folder that is the spec bucket; null for an empty one.</param>
/// <param name="WithController">The control loop (watcher, workers, resync); off for one-shot commands such as <c>plan</c>.</param>
internal sealed record HostRequest(bool Local, string? SpecsDirectory, bool WithController);

/// <summary>Picks the backend of a host the CLI builds; tests put doubles in.</summary>
internal delegate void BackendChoice(ZeebeOperatorBuilder zeebeOperator, HostRequest request);

/// <summary>
/// The generic host the CLI runs: appsettings.json (next to the binary), <c>appsettings.{Environment}.json</c>,
/// environment variables (<c>Operator__SpecPollInterval=00:00:30</c>), the local defaults with <c>--local</c>, then
/// <see cref="ZeebeOperatorServiceCollectionExtensions.AddZeebeOperator"/> on the backend the request names.
/// </summary>
internal static class OperatorHost
{
    /// <param name="time">The clock every service reads; the system clock when null (a CLI command run by a test passes its own).</param>
    public static IHost Build(HostRequest request, IReadOnlyDictionary<string, string?>? overrides = null, BackendChoice? backend = null, TimeProvider? time = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (request.Local)
        {
            LocalMode.AddDefaults(builder.Configuration);
        }

        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        OperatorLogging.Configure(builder.Logging, builder.Configuration);
        var zeebeOperator = builder.Services.AddZeebeOperator(builder.Configuration);
        if (request.WithController)
        {
            zeebeOperator.WithController();
        }

        (backend ?? UseBackend)(zeebeOperator, request);
        return builder.Build();
    }

    /// <summary>Real AWS, or with <see cref="HostRequest.Local"/> the simulation; a running local operator starts from fresh state.</summary>
    public static void UseBackend(ZeebeOperatorBuilder zeebeOperator, HostRequest request)
    {
        if (request.Local)
        {
            zeebeOperator.UseSimulation(new LocalSimulation(request.SpecsDirectory, FreshState: request.WithController));
        }
        else
        {
            zeebeOperator.UseAws();
        }
    }
}

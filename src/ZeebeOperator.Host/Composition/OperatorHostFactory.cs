using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ZeebeOperator.Host.Configuration;

namespace ZeebeOperator.Host.Composition;

/// <param name="Local">The in-memory AWS account instead of real AWS.</param>
/// <param name="SpecsDirectory">For <paramref name="Local"/>: the folder the simulated spec store starts with.</param>
/// <param name="WithController">The control loop (watcher, workers, resync); off for one-shot commands such as <c>plan</c>.</param>
internal sealed record HostRequest(bool Local, string? SpecsDirectory, bool WithController);

/// <summary>
/// Builds the generic host: appsettings.json (next to the binary), <c>appsettings.{Environment}.json</c>,
/// environment variables (<c>Operator__SpecPollInterval=00:00:30</c>), then the backend from <see cref="OperatorWiring"/>.
/// </summary>
internal static class OperatorHostFactory
{
    public static IHost Build(OperatorWiring wiring, HostRequest request, IReadOnlyDictionary<string, string?>? overrides = null)
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

        OperatorLogging.Configure(builder.Logging, builder.Configuration);
        if (request.WithController)
        {
            builder.Services.AddOperatorController(builder.Configuration);
        }
        else
        {
            builder.Services.AddOperatorOptions(builder.Configuration);
        }

        wiring.AddCore(builder.Services, builder.Configuration);
        if (request.Local)
        {
            var local = builder.Configuration.GetSection(LocalOptions.SectionName).Get<LocalOptions>() ?? new LocalOptions();
            var stateDirectory = request.SpecsDirectory is null
                ? null
                : local.StateDirectory is { Length: > 0 } configured ? Path.GetFullPath(configured) : Integration.DefaultStateDirectory(request.SpecsDirectory);
            wiring.CreateLocalPorts(new LocalSimulationSettings(request.SpecsDirectory, local.TaskStartDelay, stateDirectory, FreshState: request.WithController))
                .AddTo(builder.Services);
        }
        else
        {
            wiring.AddAws(builder.Services, builder.Configuration);
        }

        builder.Services.AddOperatorTelemetry(builder.Configuration);

        return builder.Build();
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ZeebeOperator.Host.Health;

/// <summary>
/// Serves <c>GET /healthz</c> and <c>GET /readyz</c> (200 or 503, JSON with the leader status) through ASP.NET Core's
/// health-check middleware (<see cref="OperatorHealthChecks"/>) on its own small Kestrel server at
/// <see cref="HealthOptions.Port"/>, separate from the operator's generic host so the operator stays a console application.
/// </summary>
internal sealed partial class HealthEndpoint(
    OperatorHealth health,
    IOptions<HealthOptions> options,
    ILoggerFactory loggerFactory,
    ILogger<HealthEndpoint> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The bound address, e.g. <c>http://127.0.0.1:8081</c>, once started.</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddHealthChecks().AddOperatorChecks(health);
        builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://{Host(settings.BindAddress)}:{settings.Port}"));
        var app = builder.Build();
        app.MapOperatorHealthChecks();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        Address = bound is null ? null : new Uri(bound.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        var listening = bound ?? $"port {settings.Port}";
        LogListening(listening);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string Host(string bindAddress) => bindAddress switch
    {
        "*" or "0.0.0.0" => "0.0.0.0",
        _ when System.Net.IPAddress.TryParse(bindAddress, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 => $"[{bindAddress}]",
        _ => bindAddress,
    };

    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Health endpoints /healthz and /readyz listening on {Address}")]
    private partial void LogListening(string address);
}

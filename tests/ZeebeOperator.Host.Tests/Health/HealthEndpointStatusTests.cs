using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Host.Health;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Host.Tests.Health;

/// <summary>The endpoints' answers when the operator is not healthy: 503 with the same JSON body.</summary>
public sealed class HealthEndpointStatusTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(Now);
    private readonly Mock<ILeadership> _leadership = new();
    private readonly Mock<IHostApplicationLifetime> _lifetime = new();
    private readonly CancellationTokenSource _started = new();
    private readonly HealthEndpoint _endpoint;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public HealthEndpointStatusTests()
    {
        _lifetime.SetupGet(l => l.ApplicationStarted).Returns(_started.Token);
        _lifetime.SetupGet(l => l.ApplicationStopping).Returns(CancellationToken.None);
        var health = new OperatorHealth(_leadership.Object, _lifetime.Object, Options.Create(new LeaderElectionOptions()), _time);
        _endpoint = new HealthEndpoint(
            health,
            Options.Create(new HealthOptions { Port = 0, BindAddress = "127.0.0.1" }),
            NullLoggerFactory.Instance,
            NullLogger<HealthEndpoint>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await _endpoint.StopAsync(CancellationToken.None);
        await _endpoint.DisposeAsync();
        _http.Dispose();
        _started.Dispose();
    }

    [Fact]
    public async Task A_wedged_election_loop_is_not_alive_and_a_standby_cut_off_from_the_store_is_not_ready()
    {
        var stale = Now - TimeSpan.FromMinutes(1);
        _leadership.Setup(l => l.Snapshot()).Returns(new LeadershipSnapshot("op-2", LeadershipRole.Standby, false, null, "op-1", stale, stale));
        await _started.CancelAsync();
        await _endpoint.StartAsync(CancellationToken.None);

        var (aliveStatus, alive) = await GetAsync("/healthz");
        var (readyStatus, ready) = await GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, aliveStatus);
        Assert.Equal("unavailable", alive.GetProperty("status").GetString());
        Assert.Equal("the leader election loop has not run for 60 s (limit 15 s)", alive.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
        Assert.Equal("standby, but the lease store has not answered within the lease duration", ready.GetProperty("reason").GetString());
        Assert.Equal("op-1", ready.GetProperty("leaseHolder").GetString());
        Assert.Equal("Standby", ready.GetProperty("role").GetString());
        Assert.Equal(stale, ready.GetProperty("lastLeaseStoreContact").GetDateTimeOffset());
    }

    [Fact]
    public async Task Not_ready_while_starting_but_alive()
    {
        _leadership.Setup(l => l.Snapshot()).Returns(new LeadershipSnapshot("op-1", LeadershipRole.Unelected, true, 0, null, null, null));
        await _endpoint.StartAsync(CancellationToken.None);

        var (aliveStatus, _) = await GetAsync("/healthz");
        var (readyStatus, ready) = await GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, aliveStatus);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
        Assert.Equal("starting", ready.GetProperty("reason").GetString());
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(_endpoint.Address!, path));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.Clone());
    }
}

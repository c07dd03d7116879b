using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Host.Composition;
using ZeebeOperator.Host.Health;
using ZeebeOperator.Host.Tests.Support;

namespace ZeebeOperator.Host.Tests.Health;

/// <summary>Two operator hosts sharing one lease store, their health endpoints on free loopback ports.</summary>
public sealed class HealthEndpointTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_leader_and_the_standby_are_both_alive_and_ready_and_say_who_leads()
    {
        var backend = new TestBackend("orders.json");
        using var one = Build(backend, "operator-1");
        using var two = Build(backend, "operator-2");
        using var http = new HttpClient { Timeout = TestTimeout };

        // The elector's first round runs in the background: let the first instance win before the second starts.
        await one.StartAsync();
        using (var leading = new CancellationTokenSource(TestTimeout))
        {
            await one.Services.GetRequiredService<ILeadership>().WaitForLeadershipAsync(leading.Token);
        }

        await two.StartAsync();
        var (leaderStatus, leader) = await GetAsync(http, one, "/readyz");
        var (standbyStatus, standby) = await GetAsync(http, two, "/readyz");
        var (aliveStatus, alive) = await GetAsync(http, two, "/healthz");

        Assert.Equal(HttpStatusCode.OK, leaderStatus);
        Assert.Equal("ok", leader.GetProperty("status").GetString());
        Assert.True(leader.GetProperty("leader").GetBoolean());
        Assert.Equal(1, leader.GetProperty("fencingToken").GetInt64());
        Assert.Equal("Leader", leader.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.OK, standbyStatus);
        Assert.False(standby.GetProperty("leader").GetBoolean());
        Assert.Equal(JsonValueKind.Null, standby.GetProperty("fencingToken").ValueKind);
        Assert.Equal("operator-1", standby.GetProperty("leaseHolder").GetString());
        Assert.Equal(HttpStatusCode.OK, aliveStatus);
        Assert.Equal("operator-2", alive.GetProperty("identity").GetString());

        // Graceful stop of the leader: the lease is released at once for the standby.
        await one.StopAsync();
        var lease = await backend.Leases.ReadAsync("zeebe-operator", default);
        Assert.True(lease!.IsReleased);
        Assert.Equal("operator-1", lease.Holder);
        await two.StopAsync();
    }

    [Fact]
    public async Task Unknown_paths_are_not_found()
    {
        using var host = Build(new TestBackend(), "operator-1");
        using var http = new HttpClient { Timeout = TestTimeout };
        await host.StartAsync();

        var response = await http.GetAsync(new Uri(Address(host), "/metrics"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await host.StopAsync();
    }

    private static IHost Build(TestBackend backend, string identity) =>
        OperatorHost.Build(
            new HostRequest(Local: false, SpecsDirectory: null, WithController: true),
            new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Health:Port"] = "0",
                ["Health:BindAddress"] = "127.0.0.1",
                ["LeaderElection:Identity"] = identity,
            },
            backend.Use);

    private static Uri Address(IHost host) =>
        host.Services.GetRequiredService<HealthEndpoint>().Address ?? throw new InvalidOperationException("the health endpoint has no address");

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient http, IHost host, string path)
    {
        using var response = await http.GetAsync(new Uri(Address(host), path));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.Clone());
    }
}

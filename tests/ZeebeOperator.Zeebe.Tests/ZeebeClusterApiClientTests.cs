using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Zeebe;
using ZeebeOperator.Simulation.Time;
using ZeebeOperator.Testing;
using ZeebeOperator.Zeebe;

namespace ZeebeOperator.Zeebe.Tests;

public sealed class ZeebeClusterApiClientTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _httpClient = new();
    private readonly ManualTimeProvider _clock = new(Start);

    public void Dispose() => _httpClient.Dispose();

    [Fact]
    public async Task GetTopology_reads_brokers_partitions_and_changes()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, ZeebeCannedJson.TopologyWithPendingChange));

        var topology = await Client().GetTopologyAsync(server.BaseUri, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/actuator/cluster", request.Target);
        Assert.Equal("application/json", request.Headers["Accept"]);
        Assert.Equal(7, topology.Version);
        Assert.Equal([0, 1, 3], topology.BrokerIds);
        var broker1 = topology.Brokers[1];
        Assert.Equal("ACTIVE", broker1.State.Name);
        Assert.Equal("3", broker1.Version);
        Assert.Equal([new PartitionMember(1, MemberState.Active, 2), new PartitionMember(2, MemberState.Active, 3)], broker1.Partitions);
        Assert.Equal("JOINING", topology.Brokers[2].State.Name);
        Assert.Equal(
            new TopologyChange(4, ChangeStatus.Completed, Start.AddHours(-1), Start.AddSeconds(-3600 + 90.5), 0, []),
            topology.LastChange! with { PendingOperations = [] });
        var pending = topology.PendingChange!;
        Assert.Equal(5, pending.Id);
        Assert.Equal(ChangeStatus.InProgress, pending.Status);
        Assert.Equal(Start, pending.StartedAt);
        Assert.Null(pending.CompletedAt);
        Assert.Equal(1, pending.CompletedOperations);
        Assert.Equal(
            ["broker 3 join partition 2", "broker 0 leave partition 2", "broker ? force-reconfigure partition 1 to broker(s) 0,1"],
            pending.PendingOperations);
    }

    [Fact]
    public async Task GetTopology_tolerates_missing_fields_string_ids_and_zone_ids()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, ZeebeCannedJson.SparseTopology));

        var topology = await Client().GetTopologyAsync(server.BaseUri, CancellationToken.None);

        Assert.Equal(0, topology.Version);
        Assert.Null(topology.LastChange);
        Assert.Null(topology.PendingChange);
        Assert.Equal([1, 2], topology.BrokerIds);
        Assert.Equal("UNKNOWN", topology.Brokers[0].State.Name);
        Assert.Null(topology.Brokers[0].Version);
        Assert.Equal([new PartitionMember(1, MemberState.Unknown, 0)], topology.Brokers[0].Partitions);
        Assert.Empty(topology.Brokers[1].Partitions);
    }

    [Fact]
    public async Task GetTopology_keeps_a_state_it_does_not_know_by_its_name()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, """
            { "brokers": [ { "id": 0, "state": "left" }, { "id": 1, "state": "Recovering", "partitions": [ { "id": 1, "state": "demoting" } ] } ] }
            """));

        var topology = await Client().GetTopologyAsync(server.BaseUri, CancellationToken.None);

        Assert.Equal(MemberState.Left, topology.Brokers[0].State);
        Assert.Equal(MemberState.Recovering, topology.Brokers[1].State);
        Assert.Equal(new MemberState(MemberStateKind.Unknown, "DEMOTING"), topology.Brokers[1].Partitions[0].State);
    }

    [Fact]
    public async Task Operations_zeebe_adds_are_shown_by_name_and_a_force_removal_by_the_broker_doing_the_work()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, """
            { "version": 3, "brokers": [ { "id": 0, "state": "ACTIVE" } ],
              "pendingChange": { "id": 9, "status": "IN_PROGRESS", "completed": [],
                "pending": [
                  { "operation": "BROKER_FORCE_REMOVE", "brokerId": 0, "brokers": [2] },
                  { "operation": "PARTITION_FORCE_RECONFIGURE", "brokerId": 1, "partitionId": 3, "brokers": [0, 1] },
                  { "operation": "AWAIT_REDISTRIBUTION" },
                  { "operation": "SOMETHING_NEWER", "brokerId": 4 } ] } }
            """));

        var pending = (await Client().GetTopologyAsync(server.BaseUri, CancellationToken.None)).PendingChange!;

        Assert.Null(pending.StartedAt);
        Assert.Equal(
            ["broker 0 force-remove broker(s) 2", "broker 1 force-reconfigure partition 3 to broker(s) 0,1", "await redistribution", "something newer broker 4"],
            pending.PendingOperations);
    }

    [Fact]
    public async Task GetGatewayTopology_reads_partition_roles_and_health_from_the_rest_api()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, """
            { "clusterSize": 3, "partitionsCount": 2, "replicationFactor": 2, "gatewayVersion": "8.8.3",
              "brokers": [
                { "nodeId": 0, "host": "orders-broker-0", "port": 26501, "version": "8.8.3",
                  "partitions": [ { "partitionId": 1, "role": "leader", "health": "healthy" }, { "partitionId": 2, "role": "FOLLOWER", "health": "unhealthy" } ] },
                { "nodeId": 1, "host": "orders-broker-1", "port": 26501, "version": "8.8.3",
                  "partitions": [ { "partitionId": 1, "role": "follower", "health": "dead" }, { "partitionId": 2, "role": "inactive", "health": "healthy" } ] } ] }
            """));

        var topology = await Client().GetGatewayTopologyAsync(server.BaseUri, CancellationToken.None);

        Assert.Equal("/v2/topology", Assert.Single(server.Requests).Target);
        Assert.Equal((3, 2, 2, "8.8.3"), (topology.ClusterSize, topology.PartitionsCount, topology.ReplicationFactor, topology.GatewayVersion));
        Assert.Equal(
            [new PartitionReplica(1, PartitionRole.Leader, PartitionHealth.Healthy), new PartitionReplica(2, PartitionRole.Follower, PartitionHealth.Unhealthy)],
            topology.Brokers[0].Partitions);
        Assert.Equal(
            [new PartitionReplica(1, PartitionRole.Follower, PartitionHealth.Dead), new PartitionReplica(2, PartitionRole.Inactive, PartitionHealth.Healthy)],
            topology.Brokers[1].Partitions);
        Assert.Equal("partition 1 has 1 of 2 replicas healthy (brokers 0)", topology.PartitionGap(2, 2));
    }

    [Fact]
    public async Task AddBrokers_sends_patch_with_add_body_and_no_query()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(202, ZeebeCannedJson.AddBrokersAccepted));

        var accepted = await Client().AddBrokersAsync(server.BaseUri, [3, 4], CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("PATCH", request.Method);
        Assert.Equal("/actuator/cluster", request.Target);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("""{"brokers":{"add":[3,4]}}""", request.Body);
        Assert.Equal(8, accepted.ChangeId);
        Assert.Equal([0, 3, 4], accepted.ExpectedBrokerIds);
        Assert.Equal(
            ["add broker 4", "add broker 3", "broker 3 join partition 1", "broker 0 reconfigure priority of partition 1"],
            accepted.PlannedOperations);
    }

    [Fact]
    public async Task RemoveBrokers_sends_patch_with_remove_body_and_no_query()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(202, ZeebeCannedJson.AddBrokersAccepted));

        await Client().RemoveBrokersAsync(server.BaseUri, [4], CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("PATCH", request.Method);
        Assert.Equal("/actuator/cluster", request.Target);
        Assert.Equal("""{"brokers":{"remove":[4]}}""", request.Body);
    }

    [Fact]
    public async Task A_path_prefix_in_the_broker_address_is_kept()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, ZeebeCannedJson.SparseTopology));

        await Client().GetTopologyAsync(new Uri(server.BaseUri, "/zeebe/orders"), CancellationToken.None);

        Assert.Equal("/zeebe/orders/actuator/cluster", Assert.Single(server.Requests).Target);
    }

    [Theory]
    [InlineData(409, ZeebeCannedJson.ConflictError, ZeebeApiErrorKind.ChangeInProgress, "another pending change")]
    [InlineData(400, ZeebeCannedJson.InvalidError, ZeebeApiErrorKind.InvalidRequest, "already part of the cluster")]
    [InlineData(404, "", ZeebeApiErrorKind.NotFound, "(no body)")]
    [InlineData(500, """{"message":"boom"}""", ZeebeApiErrorKind.ServerError, "boom")]
    [InlineData(503, "<html>unavailable</html>", ZeebeApiErrorKind.ServerError, "<html>unavailable</html>")]
    [InlineData(502, """{"message":"Failed to send request to the coordinator"}""", ZeebeApiErrorKind.Unreachable, "coordinator")]
    [InlineData(504, """{"message":"Request timed out after PT10S"}""", ZeebeApiErrorKind.Timeout, "PT10S")]
    public async Task Error_statuses_map_to_error_kinds(int status, string body, ZeebeApiErrorKind kind, string messagePart)
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(status, body));

        var error = await Assert.ThrowsAsync<ZeebeApiException>(
            () => Client().AddBrokersAsync(server.BaseUri, [3], CancellationToken.None));

        Assert.Equal(kind, error.Kind);
        Assert.Contains(messagePart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_the_expected_json_is_a_server_error()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, "{ not json"));

        var error = await Assert.ThrowsAsync<ZeebeApiException>(() => Client().GetTopologyAsync(server.BaseUri, CancellationToken.None));

        Assert.Equal(ZeebeApiErrorKind.ServerError, error.Kind);
    }

    [Fact]
    public async Task A_refused_connection_is_unreachable()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var error = await Assert.ThrowsAsync<ZeebeApiException>(
            () => Client().GetTopologyAsync(new Uri($"http://127.0.0.1:{port}"), CancellationToken.None));

        Assert.Equal(ZeebeApiErrorKind.Unreachable, error.Kind);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task A_broker_that_does_not_answer_within_the_request_timeout_timed_out()
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new LoopbackHttpServer(async (_, stopping) =>
        {
            received.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, stopping);
            return new CannedResponse(200);
        });
        var call = Client(TimeSpan.FromSeconds(10)).GetTopologyAsync(server.BaseUri, CancellationToken.None);
        await received.Task;

        _clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(call.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<ZeebeApiException>(() => call);
        Assert.Equal(ZeebeApiErrorKind.Timeout, error.Kind);
        Assert.Contains("timed out after 10 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_turned_into_an_api_error()
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new LoopbackHttpServer(async (_, stopping) =>
        {
            received.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, stopping);
            return new CannedResponse(200);
        });
        using var cancellation = new CancellationTokenSource();
        var call = Client().GetTopologyAsync(server.BaseUri, cancellation.Token);
        await received.Task;

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Theory]
    [InlineData(HealthProbe.Liveness, "/actuator/health/liveness", 200, true)]
    [InlineData(HealthProbe.Readiness, "/actuator/health/readiness", 503, false)]
    [InlineData(HealthProbe.Startup, "/actuator/health/startup", 200, true)]
    [InlineData(HealthProbe.Startup, "/actuator/health/startup", 503, false)]
    public async Task Health_probes_read_200_as_healthy_and_503_as_not(HealthProbe probe, string path, int status, bool healthy)
    {
        await using var server = new LoopbackHttpServer(_ =>
            new CannedResponse(status, status == 200 ? ZeebeCannedJson.HealthUp : ZeebeCannedJson.HealthDown));

        var answer = await Client().CheckHealthAsync(server.BaseUri, probe, CancellationToken.None);

        Assert.Equal(healthy, answer.IsUp);
        Assert.Equal(path, Assert.Single(server.Requests).Target);
    }

    [Fact]
    public async Task A_failed_readiness_names_the_checks_that_are_not_up()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(503, """
            { "status": "OUT_OF_SERVICE", "components": {
                "brokerReady": { "status": "UP" },
                "searchEngine": { "status": "DOWN", "details": { "error": "connection refused" } },
                "group": { "status": "DOWN", "components": { "inner": { "status": "OUT_OF_SERVICE" }, "ok": { "status": "up" } } } } }
            """));

        var answer = await Client().CheckHealthAsync(server.BaseUri, HealthProbe.Readiness, CancellationToken.None);

        Assert.False(answer.IsUp);
        Assert.Equal(["searchEngine", "group.inner"], answer.FailingChecks);
        Assert.Equal("failing: searchEngine, group.inner", answer.DescribeFailure());
    }

    [Fact]
    public async Task A_health_probe_that_is_not_exposed_is_an_error()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(404));

        var error = await Assert.ThrowsAsync<ZeebeApiException>(
            () => Client().CheckHealthAsync(server.BaseUri, HealthProbe.Readiness, CancellationToken.None));

        Assert.Equal(ZeebeApiErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task AddZeebeClusterApi_implements_the_port_with_the_typed_client_and_options_from_the_zeebe_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Zeebe:RequestTimeout"] = "00:00:03" })
            .Build();
        var services = new ServiceCollection().AddLogging().AddZeebeOperatorCore(configuration).AddZeebeClusterApi(configuration);
        await using var provider = services.BuildServiceProvider();

        Assert.IsType<ZeebeClusterApiClient>(provider.GetRequiredService<IZeebeClusterApi>());
        Assert.Equal(TimeSpan.FromSeconds(3), provider.GetRequiredService<IOptions<ZeebeApiOptions>>().Value.RequestTimeout);
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void The_request_timeout_defaults_to_ten_seconds() =>
        Assert.Equal(TimeSpan.FromSeconds(10), new ZeebeApiOptions().RequestTimeout);

    private ZeebeClusterApiClient Client(TimeSpan? timeout = null) =>
        new(
            _httpClient,
            Options.Create(new ZeebeApiOptions { RequestTimeout = timeout ?? TimeSpan.FromSeconds(10) }),
            _clock,
            NullLogger<ZeebeClusterApiClient>.Instance);
}

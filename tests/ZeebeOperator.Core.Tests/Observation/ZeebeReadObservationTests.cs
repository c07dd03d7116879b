using Moq;
using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Tests.Observation;

/// <summary>
/// What the observer reads from Zeebe through the running brokers (topology, readiness, the gateway's view, a
/// followed backup) and, when a read fails, the reason it gives: that text is what the status and the plan show.
/// </summary>
public sealed class ZeebeReadObservationTests
{
    private readonly ObservationRig _rig = new(clusterSize: 3, withNodes: false);

    private ZeebeClusterDocument Document => _rig.Document;

    private ObservedCluster AllRunning => ObservedStates.Converged(_rig.Desired);

    [Fact]
    public async Task With_no_broker_running_nobody_is_asked_and_the_reason_says_so()
    {
        var observed = AllRunning with { Nodes = [.. AllRunning.Nodes.Select(n => n with { Task = null })] };

        var zeebe = await ObserveAsync(observed, includeReadiness: true, followBackup: 7);

        Assert.Same(ZeebeObservation.NoBrokerRunning, zeebe);
        Assert.Equal("no broker is running yet", zeebe.Unavailable);
        Assert.Empty(_rig.Zeebe.Invocations);
    }

    [Fact]
    public async Task A_broker_whose_readiness_probe_fails_is_reported_not_ready_with_the_failure()
    {
        AnswerTopology();
        AnswerGateway();
        _rig.Zeebe.Setup(z => z.CheckHealthAsync(It.IsAny<Uri>(), HealthProbe.Readiness, It.IsAny<CancellationToken>())).ReturnsAsync(HealthReport.Up);
        _rig.Zeebe.Setup(z => z.CheckHealthAsync(Management(1), HealthProbe.Readiness, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ZeebeApiException(ZeebeApiErrorKind.Unreachable, "connection refused"));

        var zeebe = await ObserveAsync(AllRunning, includeReadiness: true);

        Assert.True(zeebe.Readiness[0].IsUp);
        Assert.False(zeebe.Readiness[1].IsUp);
        Assert.Equal(["the probe failed: connection refused"], zeebe.Readiness[1].FailingChecks);
    }

    [Fact]
    public async Task After_the_topology_read_times_out_no_other_broker_is_asked()
    {
        AnswerTopology();
        _rig.Zeebe.Setup(z => z.GetTopologyAsync(Management(0), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ZeebeApiException(ZeebeApiErrorKind.Timeout, "timed out after 10s"));

        var zeebe = await ObserveAsync(AllRunning);

        Assert.Null(zeebe.Topology);
        Assert.Equal("the cluster API did not answer (node 0: timed out after 10s)", zeebe.Unavailable);
        _rig.Zeebe.Verify(z => z.GetTopologyAsync(It.IsAny<Uri>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task When_a_broker_cannot_be_reached_the_topology_is_read_through_the_next_one()
    {
        AnswerTopology();
        _rig.Zeebe.Setup(z => z.GetTopologyAsync(Management(0), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ZeebeApiException(ZeebeApiErrorKind.Unreachable, "connection refused"));

        var zeebe = await ObserveAsync(AllRunning);

        Assert.NotNull(zeebe.Topology);
        Assert.Null(zeebe.Unavailable);
    }

    [Fact]
    public async Task When_no_broker_answers_the_topology_read_the_reason_names_each_failure()
    {
        foreach (var nodeId in new[] { 0, 1, 2 })
        {
            _rig.Zeebe.Setup(z => z.GetTopologyAsync(Management(nodeId), It.IsAny<CancellationToken>()))
                .ThrowsAsync(new ZeebeApiException(ZeebeApiErrorKind.ServerError, $"HTTP 50{nodeId}"));
        }

        var zeebe = await ObserveAsync(AllRunning);

        Assert.Null(zeebe.Topology);
        Assert.Equal("the cluster API did not answer (node 0: HTTP 500; node 1: HTTP 501; node 2: HTTP 502)", zeebe.Unavailable);
    }

    [Fact]
    public async Task The_gateway_topology_is_read_through_the_next_broker_after_a_timeout()
    {
        AnswerTopology();
        AnswerHealth();
        AnswerGateway();
        _rig.Zeebe.Setup(z => z.GetGatewayTopologyAsync(Gateway(0), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ZeebeApiException(ZeebeApiErrorKind.Timeout, "timed out after 10s"));

        var zeebe = await ObserveAsync(AllRunning, includeReadiness: true);

        Assert.NotNull(zeebe.Gateway);
        Assert.Null(zeebe.GatewayUnavailable);
    }

    [Fact]
    public async Task When_no_gateway_answers_the_reason_names_each_failure()
    {
        AnswerTopology();
        AnswerHealth();
        _rig.Zeebe.Setup(z => z.GetGatewayTopologyAsync(It.IsAny<Uri>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ZeebeApiException(ZeebeApiErrorKind.Unreachable, "connection refused"));

        var zeebe = await ObserveAsync(AllRunning, includeReadiness: true);

        Assert.Null(zeebe.Gateway);
        Assert.Equal(
            "no gateway answered GET /v2/topology (node 0: connection refused; node 1: connection refused; node 2: connection refused)",
            zeebe.GatewayUnavailable);
    }

    [Fact]
    public async Task A_followed_backup_is_read_through_the_next_broker_after_a_timeout()
    {
        AnswerTopology();
        var backup = new BackupInfo(7, BackupState.InProgress, null, []);
        _rig.Zeebe.Setup(z => z.GetBackupAsync(It.IsAny<Uri>(), It.IsAny<BackupEndpoint>(), 7, It.IsAny<CancellationToken>())).ReturnsAsync(backup);
        _rig.Zeebe.Setup(z => z.GetBackupAsync(Management(0), It.IsAny<BackupEndpoint>(), 7, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ZeebeApiException(ZeebeApiErrorKind.Timeout, "timed out after 10s"));

        var zeebe = await ObserveAsync(AllRunning, followBackup: 7);

        Assert.Same(backup, zeebe.FollowedBackup);
        Assert.Null(zeebe.BackupUnavailable);
    }

    [Fact]
    public async Task When_no_broker_answers_for_the_followed_backup_the_reason_names_each_failure()
    {
        AnswerTopology();
        _rig.Zeebe.Setup(z => z.GetBackupAsync(It.IsAny<Uri>(), It.IsAny<BackupEndpoint>(), 7, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ZeebeApiException(ZeebeApiErrorKind.ServerError, "HTTP 503"));

        var zeebe = await ObserveAsync(AllRunning, followBackup: 7);

        Assert.Null(zeebe.FollowedBackup);
        Assert.Equal("backup #7 could not be read (node 0: HTTP 503; node 1: HTTP 503; node 2: HTTP 503)", zeebe.BackupUnavailable);
    }

    private Task<ZeebeObservation> ObserveAsync(ObservedCluster observed, bool includeReadiness = false, long? followBackup = null) =>
        _rig.Observer.ObserveZeebeAsync(Document, observed, includeReadiness, CancellationToken.None, followBackup);

    private Uri Management(int nodeId) => ClusterObserver.ManagementEndpoint(Document, nodeId);

    private Uri Gateway(int nodeId) => ClusterObserver.GatewayEndpoint(Document, nodeId);

    private void AnswerTopology() =>
        _rig.Zeebe.Setup(z => z.GetTopologyAsync(It.IsAny<Uri>(), It.IsAny<CancellationToken>())).ReturnsAsync(ObservedStates.Topology([0, 1, 2]));

    private void AnswerGateway() =>
        _rig.Zeebe.Setup(z => z.GetGatewayTopologyAsync(It.IsAny<Uri>(), It.IsAny<CancellationToken>())).ReturnsAsync(ObservedStates.HealthyGateway([0, 1, 2], 3, 3));

    private void AnswerHealth() =>
        _rig.Zeebe.Setup(z => z.CheckHealthAsync(It.IsAny<Uri>(), It.IsAny<HealthProbe>(), It.IsAny<CancellationToken>())).ReturnsAsync(HealthReport.Up);
}

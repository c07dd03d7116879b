using ZeebeOperator.Core.Observation;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Core.Zeebe;
using ZeebeOperator.Simulation.Zeebe;

namespace ZeebeOperator.Core.Tests.Reconciliation;

/// <summary>A scale-up's membership request answered late, refused, or checked against a running backup.</summary>
public sealed class MembershipRequestOutcomeTests : IDisposable
{
    private readonly ScriptedPorts _ports = new();
    private readonly ScenarioHarness _harness;

    public MembershipRequestOutcomeTests() => _harness = new ScenarioHarness(_ports);

    public void Dispose() => _harness.Dispose();

    private SimulatedZeebeCluster Zeebe => _harness.Aws.Zeebe.Cluster;

    private OperatorHarness Operator => _harness.Operator;

    private int ChangeRequests => Zeebe.Calls.Count(c => c.RequestsChange);

    private static ZeebeClusterDocument Orders(int clusterSize, long generation, BackupSpec? backup = null)
    {
        var document = TestSpecs.Orders(clusterSize: clusterSize, generation: generation);
        return document with { Spec = document.Spec with { Backup = backup } };
    }

    private static BackupSpec Backups => new(null, new BackupRetentionSpec(null, null), new BackupStoreSpec("orders-backups", "orders", "eu-west-1", null), false);

    /// <summary>Reconciles in steps until a pass asks Zeebe for a change; returns the status that pass wrote.</summary>
    private async Task<ClusterStatus> UntilTheChangeIsAskedForAsync()
    {
        for (var pass = 0; pass < 100 && ChangeRequests == 0; pass++)
        {
            _harness.Time.Advance(TimeSpan.FromSeconds(2));
            _harness.Aws.Advance();
            await Operator.ReconcileAsync();
        }

        Assert.NotEqual(0, ChangeRequests);
        return (await Operator.StatusAsync())!;
    }

    [Fact]
    public async Task A_request_that_timed_out_is_followed_as_the_operators_change_in_the_same_pass()
    {
        await _harness.ConvergedAsync(Orders(3, 1));
        Zeebe.AnswerNextChangeLate("orders");
        Operator.Commit(Orders(5, 2));

        var status = await UntilTheChangeIsAskedForAsync();

        Assert.Equal(1, ChangeRequests);
        Assert.Equal("IN_PROGRESS", status.TopologyChange?.Status);
        Assert.Equal(ConditionStatus.False, status.Find(ConditionTypes.Degraded)!.Status);
    }

    [Fact]
    public async Task The_pass_that_asks_for_the_change_reports_it_applied()
    {
        await _harness.ConvergedAsync(Orders(3, 1));
        Operator.Commit(Orders(5, 2));

        var status = await UntilTheChangeIsAskedForAsync();

        Assert.Equal(SimulatedZeebeOutcome.Accepted, Zeebe.Calls.Single(c => c.RequestsChange).Outcome);
        Assert.Equal("Applying", status.Find(ConditionTypes.Progressing)!.Reason);
    }

    [Fact]
    public async Task A_request_refused_because_someone_elses_change_runs_does_not_take_that_change_for_its_own()
    {
        await _harness.ConvergedAsync(Orders(3, 1));
        var document = Orders(5, 2);
        long? foreign = null;
        _ports.Around("zeebe:AddBrokers", async (_, proceed) =>
        {
            _ports.Clear("zeebe:AddBrokers");
            foreign = (await _harness.Aws.Zeebe.AddBrokersAsync(ClusterObserver.ManagementEndpoint(document, 0), [3], CancellationToken.None)).ChangeId;
            await proceed();
        });
        Operator.Commit(document);

        var status = await UntilTheChangeIsAskedForAsync();

        Assert.NotNull(foreign);
        Assert.Equal(SimulatedZeebeOutcome.ChangeInProgress, Zeebe.Calls.Last(c => c.RequestsChange).Outcome);
        Assert.NotEqual(foreign, status.TopologyChange?.Id);
    }

    [Fact]
    public async Task Without_a_backup_store_in_the_spec_a_change_is_asked_for_without_asking_about_backups()
    {
        await _harness.ConvergedAsync(Orders(3, 1));
        Operator.Commit(Orders(5, 2));

        await UntilTheChangeIsAskedForAsync();

        Assert.DoesNotContain(Zeebe.Calls, c => c.Operation == SimulatedZeebeOperation.ListBackups);
    }

    [Fact]
    public async Task Brokers_that_answer_they_have_no_backup_store_do_not_hold_a_change_back()
    {
        await _harness.ConvergedAsync(Orders(3, 1, Backups));
        _ports.Refuse("zeebe:ListBackups", new ZeebeApiException(ZeebeApiErrorKind.InvalidRequest, "Backup is not enabled or configured on the brokers"));
        Operator.Commit(Orders(5, 2, Backups));

        var result = await _harness.ConvergeCheckingAsync(() => { });

        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        Assert.Equal(1, ChangeRequests);
        Assert.Equal(5, Zeebe.Inspect("orders")!.Brokers.Count);
    }

    [Fact]
    public async Task A_request_that_timed_out_with_the_topology_unreadable_right_after_is_followed_by_the_next_pass_and_never_asked_again()
    {
        await _harness.ConvergedAsync(Orders(3, 1));
        var topologyDown = false;
        _ports.Around("zeebe:AddBrokers", async (_, proceed) =>
        {
            _ports.Clear("zeebe:AddBrokers");
            await proceed();
            topologyDown = true;
            throw new ZeebeApiException(ZeebeApiErrorKind.Timeout, "no answer within 10 s");
        });
        _ports.Around("zeebe:GetTopology", async (_, proceed) =>
        {
            if (topologyDown)
            {
                topologyDown = false;
                throw new ZeebeApiException(ZeebeApiErrorKind.Unreachable, "connection refused");
            }

            await proceed();
        });
        Operator.Commit(Orders(5, 2));

        await UntilTheChangeIsAskedForAsync();
        var result = await _harness.ConvergeCheckingAsync(() => Assert.Equal(1, ChangeRequests));

        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        Assert.Equal(5, Zeebe.Inspect("orders")!.Brokers.Count);
    }

    [Fact]
    public async Task With_the_cluster_API_unavailable_a_running_cluster_is_not_reported_converged()
    {
        await _harness.ConvergedAsync(Orders(3, 1));
        _ports.Refuse("zeebe:GetTopology", new ZeebeApiException(ZeebeApiErrorKind.Unreachable, "connection refused"));

        var result = await Operator.ReconcileAsync();

        Assert.NotEqual(ReconcileOutcome.Converged, result.Outcome);
        var progressing = (await Operator.StatusAsync())!.Find(ConditionTypes.Progressing)!;
        Assert.Equal((ConditionStatus.True, "Waiting"), (progressing.Status, progressing.Reason));
        Assert.Contains("cluster API unavailable", progressing.Message, StringComparison.Ordinal);
    }
}

using ZeebeOperator.Core.Leadership;
using Microsoft.Extensions.DependencyInjection;
using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Observability;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Queue;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Infrastructure;
using ZeebeOperator.Simulation.Time;
using ZeebeOperator.Simulation.Zeebe;

namespace ZeebeOperator.Core.Tests.Observability;

/// <summary>The metrics a user watches while the operator reconciles a sample cluster on the simulation.</summary>
public sealed class OperatorMetricsTests : IDisposable
{
    private const string Reconciles = "zeebe_operator.reconciles";
    private const string AwsCalls = "zeebe_operator.aws.calls";

    private readonly ManualTimeProvider time = new(OperatorHarness.Start);
    private readonly SimulatedAws aws;
    private readonly OperatorHarness harness;
    private readonly MetricRecorder metrics;

    public OperatorMetricsTests()
    {
        aws = new SimulatedAws(time, new SimulationOptions
        {
            Zeebe = new SimulatedZeebeOptions { StartupDuration = TimeSpan.FromSeconds(10), ChangeDuration = TimeSpan.FromSeconds(5) },
        });
        aws.AddNamespace("ns-abcdef0123456789", "zeebe.internal");
        harness = new OperatorHarness(aws, time, aws.Zeebe, configure: services => services.AddOperatorMetrics());
        metrics = new MetricRecorder(harness.Services);
    }

    public void Dispose()
    {
        metrics.Dispose();
        harness.Dispose();
    }

    [Fact]
    public async Task Every_reconcile_is_counted_and_timed_by_its_result()
    {
        harness.Commit(TestSpecs.Orders(clusterSize: 3));

        var result = await harness.ConvergeAsync();

        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        var inProgress = harness.Results.Count(r => r.Outcome == ReconcileOutcome.InProgress);
        Assert.True(inProgress > 0);
        Assert.Equal(1, metrics.Sum(Reconciles, ("cluster", "orders"), ("result", "converged")));
        Assert.Equal(inProgress, metrics.Sum(Reconciles, ("cluster", "orders"), ("result", "in_progress")));
        Assert.Equal(harness.Results.Count, metrics.Sum(Reconciles));
        var durations = metrics.Of("zeebe_operator.reconcile.duration");
        Assert.Equal(harness.Results.Count, durations.Count);
        Assert.All(durations, d => Assert.True(d.Value >= 0));
    }

    [Fact]
    public async Task Aws_call_counts_equal_the_simulations_own_call_log()
    {
        harness.Commit(TestSpecs.Orders(clusterSize: 3));

        await harness.ConvergeAsync();

        AssertCallsMatchTheLog();
        Assert.Equal(3, metrics.Sum(AwsCalls, ("service", "ecs"), ("operation", "CreateService"), ("outcome", "success")));
    }

    [Fact]
    public async Task Throttled_calls_are_counted_as_throttled_under_fault_injection()
    {
        aws.Faults.Configure(new FaultOptions(Seed: 11, ThrottleRate: 0.2));
        harness.Commit(TestSpecs.Orders(clusterSize: 3));

        var result = await harness.ConvergeAsync(maxPasses: 200);

        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        var throttledInLog = aws.Calls.Snapshot().Count(c => c.ErrorCode == "ThrottlingException");
        Assert.True(throttledInLog > 0);
        Assert.Equal(throttledInLog, metrics.Sum(AwsCalls, ("outcome", "throttled")));
        Assert.Equal(0, metrics.Sum(Reconciles, ("result", "failed"))); // throttled calls are retried, not failed
        AssertCallsMatchTheLog();
    }

    [Fact]
    public async Task A_reconcile_that_throws_counts_as_error_and_its_failed_call_by_kind()
    {
        harness.Commit(TestSpecs.Orders());
        aws.Faults.FailNext("dynamodb:GetItem", AwsErrorKind.ServiceUnavailable);

        await Assert.ThrowsAsync<AwsApiException>(() => harness.ReconcileAsync());

        Assert.Equal(1, metrics.Sum(Reconciles, ("cluster", "orders"), ("result", "error")));
        Assert.Equal(1, metrics.Sum(AwsCalls, ("service", "dynamodb"), ("operation", "GetItem"), ("outcome", "server_error")));
    }

    [Fact]
    public async Task Mutating_actions_are_counted_by_action_as_the_audit_trail_records_them()
    {
        harness.Commit(TestSpecs.Orders(clusterSize: 3));
        aws.Faults.FailNext("ecs:CreateService", AwsErrorKind.ServiceUnavailable);

        await harness.ConvergeAsync();

        var outcomes = aws.Audit.All.Where(a => a.Phase != AuditPhase.Intent).ToList();
        Assert.Equal(outcomes.Count, metrics.Sum("zeebe_operator.actions"));
        Assert.Equal(3, metrics.Sum("zeebe_operator.actions", ("action", "ecs:CreateService"), ("outcome", "succeeded")));
        Assert.Equal(1, metrics.Sum("zeebe_operator.actions", ("cluster", "orders"), ("action", "ecs:CreateService"), ("outcome", "failed")));
        Assert.Equal(3, metrics.Sum("zeebe_operator.actions", ("action", "elasticfilesystem:CreateAccessPoint"), ("outcome", "succeeded")));
    }

    [Fact]
    public async Task Zeebe_calls_equal_the_simulated_brokers_call_log()
    {
        harness.Commit(TestSpecs.Orders(clusterSize: 3));
        await harness.ConvergeAsync();
        harness.Commit(TestSpecs.Orders(clusterSize: 5, generation: 2));

        await harness.ConvergeAsync(maxPasses: 200);

        var log = aws.Zeebe.Cluster.Calls;
        Assert.Contains(log, c => c.Operation == SimulatedZeebeOperation.AddBrokers);
        foreach (var group in log.GroupBy(c => c.Operation))
        {
            var operation = group.Key == SimulatedZeebeOperation.Health ? "GetHealth" : group.Key.ToString();
            var answered = group.Count(c => c.Outcome is SimulatedZeebeOutcome.Ok or SimulatedZeebeOutcome.Accepted or SimulatedZeebeOutcome.Unhealthy);
            Assert.Equal(answered, metrics.Sum("zeebe_operator.zeebe.calls", ("operation", operation), ("outcome", "success")));
            Assert.Equal(group.Count(), metrics.Sum("zeebe_operator.zeebe.calls", ("operation", operation)));
        }
    }

    [Fact]
    public void Queue_depth_reports_ready_delayed_and_processing_clusters()
    {
        using var queue = new WorkQueue(time, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        using var services = new ServiceCollection().AddSingleton(queue).AddOperatorMetrics().BuildServiceProvider();
        using var recorder = new MetricRecorder(services);
        queue.Add("orders");
        queue.Add("payments");
        queue.Add("billing");
        queue.AddAfter("audit", TimeSpan.FromMinutes(1));
        Assert.True(queue.GetAsync(CancellationToken.None).IsCompletedSuccessfully);

        Assert.Equal(2, recorder.Observe("zeebe_operator.queue.depth", ("state", "ready")));
        Assert.Equal(1, recorder.Observe("zeebe_operator.queue.depth", ("state", "delayed")));
        Assert.Equal(1, recorder.Observe("zeebe_operator.queue.depth", ("state", "processing")));
    }

    [Fact]
    public void Leader_gauge_follows_the_leadership()
    {
        var leadership = new SwitchableLeadership();
        using var services = new ServiceCollection().AddSingleton<ILeadership>(leadership).AddOperatorMetrics().BuildServiceProvider();
        using var recorder = new MetricRecorder(services);

        Assert.Equal(0, recorder.Observe("zeebe_operator.leader"));
        leadership.IsLeader = true;
        Assert.Equal(1, recorder.Observe("zeebe_operator.leader"));
    }

    [Fact]
    public void A_single_instance_reports_itself_leader()
    {
        using var recorder = new MetricRecorder(harness.Services);

        Assert.Equal(1, recorder.Observe("zeebe_operator.leader"));
    }

    /// <summary>Per service and operation, the metric's successes and failures are the log's, call for call.</summary>
    private void AssertCallsMatchTheLog()
    {
        var log = aws.Calls.Snapshot();
        Assert.NotEmpty(log);
        foreach (var group in log.GroupBy(c => (c.Service, c.Operation)))
        {
            var (service, operation) = group.Key;
            var succeeded = group.Count(c => c.Outcome == ApiCallOutcome.Succeeded);
            Assert.Equal(succeeded, metrics.Sum(AwsCalls, ("service", service), ("operation", operation), ("outcome", "success")));
            Assert.Equal(group.Count(), metrics.Sum(AwsCalls, ("service", service), ("operation", operation)));
        }

        Assert.Equal(log.Count, metrics.Sum(AwsCalls));
    }

    private sealed class SwitchableLeadership : ILeadership
    {
        public bool IsLeader { get; set; }

        public long? FencingToken => IsLeader ? 1 : null;

        public LeadershipSnapshot Snapshot() =>
            new("test", IsLeader ? LeadershipRole.Leader : LeadershipRole.Standby, IsLeader, FencingToken, null, null, null);

        public Task<LeadershipTerm> WaitForLeadershipAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}

using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Infrastructure;
using ZeebeOperator.Simulation.Throttling;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Reconciliation;

/// <summary>
/// What a converged cluster costs the AWS account on every resync: no mutating call, and a number of reads that
/// does not grow with the node count up to ten nodes (one DescribeServices batch).
/// </summary>
public sealed class SteadyStateCallBudgetTests
{
    private static readonly string[] Aws = [AwsServices.Ecs, AwsServices.ServiceDiscovery, AwsServices.Efs];

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(10)]
    public async Task A_converged_cluster_is_resynced_without_a_mutating_call(int nodes)
    {
        using var cluster = await ConvergedAsync(nodes);

        foreach (var pass in Enumerable.Range(0, nodes + 1))
        {
            var calls = await ResyncAsync(cluster);

            Assert.DoesNotContain(calls, c => c.Mutating);
        }
    }

    [Fact]
    public async Task Reads_per_steady_state_reconcile_do_not_grow_with_the_node_count_up_to_ten()
    {
        var readsBySize = new Dictionary<int, int>();
        foreach (var nodes in new[] { 1, 3, 5, 10 })
        {
            using var cluster = await ConvergedAsync(nodes);
            var reads = new List<int>();
            foreach (var pass in Enumerable.Range(0, nodes + 1))
            {
                reads.Add((await ResyncAsync(cluster)).Count(c => !c.Mutating));
            }

            Assert.Single(reads.Distinct());
            readsBySize[nodes] = reads[0];
        }

        Assert.Single(readsBySize.Values.Distinct());
    }

    [Fact]
    public async Task Task_definitions_are_described_once_and_running_tasks_are_not_listed_per_node()
    {
        using var cluster = await ConvergedAsync(5);

        var calls = await ResyncAsync(cluster);

        Assert.DoesNotContain(calls, c => c.Operation == "DescribeTaskDefinition");
        Assert.DoesNotContain(calls, c => c.Operation == "ListTasks");
        Assert.Single(calls, c => c.Operation == "DescribeTasks");
        Assert.Single(calls, c => c.Operation == "DescribeServices");
    }

    [Fact]
    public async Task A_restarted_operator_lists_tasks_once_and_then_settles_to_the_same_budget()
    {
        using var first = await ConvergedAsync(3);
        var before = (await ResyncAsync(first)).Count;
        using var restarted = new Converged(first.Aws, first.Time, new OperatorHarness(first.Aws, first.Time, first.Aws.Zeebe));

        var cold = await ResyncAsync(restarted);
        var warm = await ResyncAsync(restarted);

        Assert.Equal(3, cold.Count(c => c.Operation == "ListTasks"));
        Assert.DoesNotContain(cold, c => c.Mutating);
        Assert.Equal(before, warm.Count);
    }

    [Fact]
    public async Task Throttled_calls_are_retried_instead_of_failing_the_reconcile()
    {
        using var cluster = await ConvergedAsync(3);
        cluster.Aws.Faults.FailNext("DescribeServices", Core.Ports.AwsErrorKind.Throttled, count: 3);
        cluster.Aws.Faults.FailNext("DescribeTasks", Core.Ports.AwsErrorKind.Throttled, count: 2);

        var result = await cluster.Operator.ReconcileAsync();

        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        Assert.Equal(0, cluster.Aws.Faults.PlannedCount);
    }

    [Fact]
    public async Task An_empty_token_bucket_fails_calls_with_the_services_throttling_error()
    {
        var time = new ManualTimeProvider(OperatorHarness.Start);
        var aws = new SimulatedAws(time, new SimulationOptions
        {
            Faults = new FaultOptions(Throttle: ApiThrottleLimits.Aws with { EcsRead = new ApiRate(1, 2) }),
        });
        aws.AddEcsCluster("camunda");

        await aws.Ecs.DescribeServicesAsync("camunda", ["a"], CancellationToken.None);
        await aws.Ecs.DescribeServicesAsync("camunda", ["a"], CancellationToken.None);
        var refused = await Assert.ThrowsAsync<Core.Ports.AwsApiException>(() => aws.Ecs.DescribeServicesAsync("camunda", ["a"], CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(1));
        await aws.Ecs.DescribeServicesAsync("camunda", ["a"], CancellationToken.None);

        Assert.Equal(("ThrottlingException", Core.Ports.AwsErrorKind.Throttled), (refused.ErrorCode, refused.Kind));
        Assert.Equal(1, aws.Faults.ThrottledCalls);
    }

    private static async Task<IReadOnlyList<ApiCall>> ResyncAsync(Converged cluster)
    {
        var mark = cluster.Aws.Calls.Mark();
        var result = await cluster.Operator.ReconcileAsync();
        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        return [.. cluster.Aws.Calls.Since(mark).Where(c => Aws.Contains(c.Service))];
    }

    private static async Task<Converged> ConvergedAsync(int nodes)
    {
        var time = new ManualTimeProvider(OperatorHarness.Start);
        var aws = new SimulatedAws(time, new SimulationOptions());
        aws.AddNamespace("ns-abcdef0123456789", "zeebe.internal");
        var harness = new OperatorHarness(aws, time, aws.Zeebe);
        harness.Commit(TestSpecs.Orders(clusterSize: nodes));
        Assert.Equal(ReconcileOutcome.Converged, (await harness.ConvergeAsync(maxPasses: 100)).Outcome);
        return new Converged(aws, time, harness);
    }

    private sealed record Converged(SimulatedAws Aws, ManualTimeProvider Time, OperatorHarness Operator) : IDisposable
    {
        public void Dispose() => Operator.Dispose();
    }
}

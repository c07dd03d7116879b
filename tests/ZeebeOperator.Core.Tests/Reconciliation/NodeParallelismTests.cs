using Microsoft.Extensions.DependencyInjection;
using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Ports.Interception;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Reconciliation;

/// <summary><c>Operator:NodeParallelism</c>: how many nodes of a cluster are worked on at once.</summary>
public sealed class NodeParallelismTests
{
    // A guard against a hang, not a wait: every test here finishes in milliseconds when the rule holds.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly ManualTimeProvider _time = new(OperatorHarness.Start);
    private readonly ScriptedPorts _ports = new();

    private OperatorHarness Operator(int nodeParallelism)
    {
        var aws = new SimulatedAws(_time, new SimulationOptions());
        aws.AddNamespace("ns-abcdef0123456789", "zeebe.internal");
        return new OperatorHarness(
            aws,
            _time,
            ZeebeStub.Members(0, 1, 2),
            new Dictionary<string, string?> { ["Operator:NodeParallelism"] = nodeParallelism.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            configure: services => services.InterceptPorts(_ => _ports));
    }

    [Fact]
    public async Task Two_nodes_are_created_at_once_and_the_third_when_one_of_them_is_done()
    {
        using var harness = Operator(nodeParallelism: 2);
        var inFlight = 0;
        var firstCalls = 0;
        var twoAtOnce = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ports.Around("elasticfilesystem:CreateAccessPoint", async (_, proceed) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            try
            {
                Assert.True(now <= 2, $"{now} nodes worked on at once");
                if (Interlocked.Increment(ref firstCalls) <= 2)
                {
                    // The first two nodes' calls both have to be under way before either may finish.
                    if (now == 2)
                    {
                        twoAtOnce.TrySetResult();
                    }

                    await twoAtOnce.Task.WaitAsync(Guard);
                }

                await proceed();
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        });
        harness.Commit(TestSpecs.Orders(clusterSize: 3));

        await harness.ReconcileAsync().WaitAsync(Guard);

        Assert.Equal(3, harness.Aws.Efs.AllAccessPoints().Count);
        Assert.Equal(3, harness.Aws.Calls.Count("ecs:CreateService"));
    }

    [Fact]
    public async Task With_one_node_at_a_time_each_nodes_calls_all_come_before_the_next_nodes()
    {
        using var harness = Operator(nodeParallelism: 1);
        foreach (var action in new[] { "elasticfilesystem:CreateAccessPoint", "servicediscovery:CreateService", "ecs:CreateService" })
        {
            // Every call gives way, as a real network call does: another node could run in between, were it allowed to.
            _ports.Around(action, async (_, proceed) =>
            {
                await Task.Yield();
                await proceed();
            });
        }

        harness.Commit(TestSpecs.Orders(clusterSize: 3));

        await harness.ReconcileAsync().WaitAsync(Guard);

        var nodes = harness.Aws.Audit.All.Where(r => r is { Phase: AuditPhase.Intent, NodeId: not null }).Select(r => r.NodeId!.Value).ToList();
        var turns = nodes.Where((node, i) => i == 0 || nodes[i - 1] != node).ToList();
        Assert.Equal(3, turns.Count);
        Assert.Equal(3, turns.Distinct().Count());
    }
}

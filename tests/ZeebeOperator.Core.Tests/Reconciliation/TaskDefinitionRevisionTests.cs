using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Reconciliation;

/// <summary>Task definition revisions over a cluster's life: the ones in use carry the spec's tags.</summary>
public sealed class TaskDefinitionRevisionTests : IDisposable
{
    private const string EcsCluster = "camunda";
    private static readonly string[] AwsServices = ["ecs", "servicediscovery", "elasticfilesystem"];

    private readonly ManualTimeProvider _time = new(OperatorHarness.Start);
    private readonly SimulatedAws _aws;
    private readonly OperatorHarness _operator;

    public TaskDefinitionRevisionTests()
    {
        _aws = new SimulatedAws(_time, new SimulationOptions());
        _aws.AddNamespace("ns-abcdef0123456789", "zeebe.internal");
        _operator = new OperatorHarness(_aws, _time, ZeebeStub.Members(0, 1, 2));
    }

    public void Dispose() => _operator.Dispose();

    [Fact]
    public async Task A_label_added_to_a_running_cluster_reaches_the_revisions_in_use_without_a_new_revision()
    {
        _operator.Commit(TestSpecs.Orders());
        await _operator.ConvergeAsync();
        var registered = _aws.Calls.Count("ecs:RegisterTaskDefinition");

        _operator.Commit(TestSpecs.Orders(generation: 2, labels: new Dictionary<string, string> { ["team"] = "payments", ["cost-center"] = "42" }));
        Assert.Equal(ReconcileOutcome.Converged, (await _operator.ConvergeAsync()).Outcome);

        Assert.Equal(registered, _aws.Calls.Count("ecs:RegisterTaskDefinition"));
        foreach (var service in _aws.Ecs.ListServices(EcsCluster))
        {
            var inUse = await _aws.Ecs.DescribeTaskDefinitionAsync(service.TaskDefinition, CancellationToken.None);
            Assert.Equal("42", inUse.Definition.Tags.GetValueOrDefault("cost-center"));
        }

        var mark = _aws.Calls.Mark();
        Assert.Equal(ReconcileOutcome.Converged, (await _operator.ReconcileAsync()).Outcome);
        Assert.DoesNotContain(_aws.Calls.Since(mark), c => c.Mutating && AwsServices.Contains(c.Service));
    }
}

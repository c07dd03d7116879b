using Microsoft.Extensions.DependencyInjection;
using ZeebeOperator.Core.Events;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Tests.Support;

namespace ZeebeOperator.Core.Tests.Reconciliation;

/// <summary>What one pass reports when the spec, the observation or an action goes wrong: its outcome and the status.</summary>
public sealed class ReconcilePassOutcomeTests : IDisposable
{
    private readonly ScenarioHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private OperatorHarness Operator => _harness.Operator;

    private async Task ConvergedAsync(int clusterSize = 3)
    {
        Operator.Commit(TestSpecs.Orders(clusterSize: clusterSize));
        Assert.Equal(ReconcileOutcome.Converged, (await _harness.ConvergeCheckingAsync(() => { })).Outcome);
    }

    private async Task<Condition> DegradedAsync() => (await Operator.StatusAsync())!.Find(ConditionTypes.Degraded)!;

    [Fact]
    public async Task A_spec_that_cannot_be_read_is_reported_as_SpecUnreadable_and_nothing_is_changed()
    {
        await ConvergedAsync();
        _harness.Aws.Faults.FailNext("GetObject", AwsErrorKind.AccessDenied);
        var mark = _harness.Aws.Calls.Mark();

        var result = await Operator.ReconcileAsync();

        Assert.Equal(ReconcileOutcome.Failed, result.Outcome);
        var degraded = await DegradedAsync();
        Assert.Equal((ConditionStatus.True, "SpecUnreadable"), (degraded.Status, degraded.Reason));
        Assert.DoesNotContain(_harness.Aws.Calls.Since(mark), c => c.Mutating && c.Service != "dynamodb");
    }

    [Fact]
    public async Task A_spec_naming_another_cluster_than_its_key_is_refused_on_metadata_name_and_creates_nothing()
    {
        Operator.CommitRaw("orders", SpecSerializer.ToJson(TestSpecs.Orders(name: "payments")));

        var result = await Operator.ReconcileAsync();

        Assert.Equal(ReconcileOutcome.Blocked, result.Outcome);
        var degraded = await DegradedAsync();
        Assert.Equal("InvalidSpec", degraded.Reason);
        Assert.Contains("metadata.name", degraded.Message, StringComparison.Ordinal);
        Assert.Equal(0, _harness.Aws.Calls.CountMutating("ecs"));
        Assert.Empty(_harness.Aws.Efs.AllAccessPoints());
    }

    [Fact]
    public async Task Reading_the_resources_refused_is_reported_as_ObserveFailed_but_a_transient_failure_only_fails_the_pass()
    {
        await ConvergedAsync();
        var converged = (await Operator.StatusAsync())!;

        _harness.Aws.Faults.FailNext("DescribeServices", AwsErrorKind.ServiceUnavailable, count: 50);
        var transient = await Operator.ReconcileAsync();
        _harness.Aws.Faults.ClearPlanned();

        Assert.Equal(ReconcileOutcome.Failed, transient.Outcome);
        Assert.True(converged.SameAs((await Operator.StatusAsync())!));

        _harness.Aws.Faults.FailNext("DescribeServices", AwsErrorKind.AccessDenied);
        var refused = await Operator.ReconcileAsync();

        Assert.Equal(ReconcileOutcome.Failed, refused.Outcome);
        var degraded = await DegradedAsync();
        Assert.Equal((ConditionStatus.True, "ObserveFailed"), (degraded.Status, degraded.Reason));
    }

    [Fact]
    public async Task An_ECS_event_wakes_the_cluster_only_from_the_ECS_cluster_its_spec_places_it_in()
    {
        var router = Operator.Services.GetRequiredService<EventRouter>();
        EventReading From(string ecsCluster) => new(EventOutcome.Understood, "ECS Service Action", [new EcsServiceReference(ecsCluster, "orders-broker-0")], []);

        await ConvergedAsync(clusterSize: 1);

        Assert.Equal(["orders"], router.ClustersOf(From(ScenarioHarness.EcsCluster), "clusters/", ["orders"]));
        Assert.Empty(router.ClustersOf(From("another-ecs-cluster"), "clusters/", ["orders"]));
    }

    [Fact]
    public async Task A_refused_create_fails_the_pass_with_AWS_error_code()
    {
        _harness.Aws.Faults.FailNext("ecs:CreateService", AwsErrorKind.AccessDenied, count: 3);
        Operator.Commit(TestSpecs.Orders(clusterSize: 1));

        ReconcileResult result;
        do
        {
            result = await Operator.ReconcileAsync();
            _harness.Time.Advance(TimeSpan.FromSeconds(2));
            _harness.Aws.Advance();
        }
        while (result.Outcome != ReconcileOutcome.Failed && Operator.Results.Count < 10);

        Assert.Equal(ReconcileOutcome.Failed, result.Outcome);
        Assert.Contains("AccessDenied", result.Message, StringComparison.Ordinal);
    }
}

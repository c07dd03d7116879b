using Microsoft.Extensions.DependencyInjection;
using ZeebeOperator.Core.Events;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Tests.Support;

namespace ZeebeOperator.Core.Tests.Reconciliation;

/// <summary>What one pass reports when the spec, the observation or an action goes wrong: its outcome and the status.</summary>
public sealed class ReconcilePassOutcomeTests : IDisposable
{
    private readonly ScriptedPorts _ports = new();
    private readonly ScenarioHarness _harness;

    public ReconcilePassOutcomeTests() => _harness = new ScenarioHarness(_ports);

    public void Dispose() => _harness.Dispose();

    private OperatorHarness Operator => _harness.Operator;

    private Task ConvergedAsync(int clusterSize = 3) => _harness.ConvergedAsync(TestSpecs.Orders(clusterSize: clusterSize));

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
    public async Task A_refused_create_fails_the_pass_with_AWS_error_code_and_is_retrying_not_applying()
    {
        _harness.Aws.Faults.FailNext("elasticfilesystem:CreateAccessPoint", AwsErrorKind.AccessDenied);
        Operator.Commit(TestSpecs.Orders(clusterSize: 1));

        var result = await Operator.ReconcileAsync();

        Assert.Equal(ReconcileOutcome.Failed, result.Outcome);
        Assert.Contains("AccessDenied", result.Message, StringComparison.Ordinal);
        var status = (await Operator.StatusAsync())!;
        Assert.Equal("Retrying", status.Find(ConditionTypes.Progressing)!.Reason);
        Assert.Equal("AwsCallFailed", status.Find(ConditionTypes.Degraded)!.Reason);
        Assert.Equal(0, _harness.Aws.Calls.Count("ecs:CreateService"));
    }

    [Fact]
    public async Task A_Cloud_Map_service_that_cannot_go_yet_ends_its_nodes_turn_without_failing_the_pass()
    {
        await ConvergedAsync(clusterSize: 1);
        var document = TestSpecs.Orders(clusterSize: 1, generation: 2);
        Operator.Commit(document with { Metadata = document.Metadata with { DeletionRequested = true } });
        var refused = 0;
        _ports.Around("servicediscovery:DeleteService", (_, _) =>
        {
            refused++;
            throw new AwsApiException("servicediscovery", "DeleteService", AwsErrorKind.Conflict, "ResourceInUse", "the service has registered instances");
        });

        ReconcileResult result;
        do
        {
            _harness.Time.Advance(TimeSpan.FromSeconds(2));
            _harness.Aws.Advance();
            result = await Operator.ReconcileAsync();
        }
        while (refused == 0 && Operator.Results.Count < 100);

        // The broker's Cloud Map service is refused first; the gateway's, the last step of the same node, waits for it.
        Assert.Equal(1, refused);
        Assert.NotEqual(ReconcileOutcome.Failed, result.Outcome);
        Assert.Equal(ConditionStatus.False, (await DegradedAsync()).Status);

        _ports.Clear("servicediscovery:DeleteService");
        Assert.Equal(ReconcileOutcome.Converged, (await _harness.ConvergeCheckingAsync(() => { })).Outcome);
        Assert.Equal("Deleted", (await Operator.StatusAsync())!.Find(ConditionTypes.Ready)!.Reason);
    }

    [Fact]
    public async Task A_foreign_gateway_name_blocks_the_cluster_only_once_the_brokers_are_done()
    {
        var document = TestSpecs.Orders(clusterSize: 1);
        await _harness.Aws.ServiceDiscovery.CreateServiceAsync(
            new CreateDiscoveryServiceRequest("someone-else", document.Spec.ClientAccess.GatewayServiceName(document.Name), "ns-abcdef0123456789", 10, "not ours", new Dictionary<string, string>()),
            CancellationToken.None);
        Operator.Commit(document);

        var first = await Operator.ReconcileAsync();

        Assert.Equal(ReconcileOutcome.InProgress, first.Outcome);
        Assert.Equal("OwnershipConflict", (await DegradedAsync()).Reason);

        var last = await _harness.ConvergeCheckingAsync(() => { });

        Assert.Equal(ReconcileOutcome.Blocked, last.Outcome);
        Assert.Single(_harness.Aws.Ecs.AllTaskDefinitions());
        Assert.Contains("gateway name", last.Message, StringComparison.Ordinal);
    }
}

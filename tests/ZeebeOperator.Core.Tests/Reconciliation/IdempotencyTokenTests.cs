using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Reconciliation;

/// <summary>Every intent to create has its own idempotency token; only the retries of that intent repeat it.</summary>
public sealed class IdempotencyTokenTests : IDisposable
{
    private const string EcsCluster = "camunda";

    private readonly ManualTimeProvider _time = new(OperatorHarness.Start);
    private readonly SimulatedAws _aws;
    private readonly ConcurrentQueue<object> _creates = new();
    private readonly OperatorHarness _operator;

    public IdempotencyTokenTests()
    {
        _aws = new SimulatedAws(_time, new SimulationOptions());
        _aws.AddNamespace("ns-abcdef0123456789", "zeebe.internal");
        _operator = new OperatorHarness(_aws, _time, ZeebeStub.Members(0, 1, 2), configure: services => services
            .AddSingleton(CreateCallRecorder.Wrap<IEcsApi>(_aws.Ecs, _creates))
            .AddSingleton(CreateCallRecorder.Wrap<IServiceDiscoveryApi>(_aws.ServiceDiscovery, _creates))
            .AddSingleton(CreateCallRecorder.Wrap<IElasticFileSystemApi>(_aws.Efs, _creates)));
    }

    public void Dispose() => _operator.Dispose();

    /// <summary>Each create call sent so far: the audit action, the resource it names and its token.</summary>
    private List<(string Action, string Resource, string Token)> Sent() =>
    [
        .. _creates.Select(request => request switch
        {
            CreateServiceRequest ecs => ("ecs:CreateService", ecs.ServiceName, ecs.ClientToken),
            CreateDiscoveryServiceRequest cloudMap => ("servicediscovery:CreateService", cloudMap.Name, cloudMap.CreatorRequestId),
            CreateAccessPointRequest efs => ("elasticfilesystem:CreateAccessPoint", efs.RootPath, efs.ClientToken),
            _ => throw new InvalidOperationException($"unexpected create request {request}"),
        }),
    ];

    private string IntentOf(string action, string resource, int skip = 0) =>
        _aws.Audit.All.Where(a => a.Action == action && a.Resource == resource && a.Phase == AuditPhase.Intent).Skip(skip).First().OperationId;

    [Fact]
    public async Task A_throttled_create_is_retried_with_its_intents_token_and_a_re_creation_gets_a_new_one()
    {
        foreach (var operation in new[] { "ecs:CreateService", "servicediscovery:CreateService", "elasticfilesystem:CreateAccessPoint" })
        {
            _aws.Faults.FailNext(operation, AwsErrorKind.Throttled);
        }

        _operator.Commit(TestSpecs.Orders());
        await _operator.ConvergeAsync();

        var first = Sent();
        // Nine per-node creates and the gateway Cloud Map service, three of them retried once.
        Assert.Equal(13, first.Count);
        Assert.All(first, call => Assert.Equal(IdempotencyToken.ForIntent(IntentOf(call.Action, call.Resource)), call.Token));
        Assert.Equal(10, first.Select(c => c.Token).Distinct().Count());
        Assert.All(first.GroupBy(c => c.Action), perApi => Assert.Single(perApi.GroupBy(c => c.Token), sameToken => sameToken.Count() == 2));
        Assert.All(first, call => Assert.InRange(call.Token.Length, 1, IdempotencyToken.MaxLength));

        await _aws.Ecs.DeleteServiceAsync(EcsCluster, "orders-broker-1", force: true, CancellationToken.None);
        await _aws.Efs.DeleteAccessPointAsync((await _operator.StatusAsync())!.Nodes[0].AccessPointId!, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(30));
        await _operator.ConvergeAsync();

        var again = Sent().Skip(first.Count).ToList();
        Assert.Equal(["/zeebe/orders/node-0", "orders-broker-1"], again.Select(c => c.Resource).Order(StringComparer.Ordinal));
        Assert.All(again, call => Assert.DoesNotContain(call.Token, first.Select(c => c.Token)));
        Assert.All(again, call => Assert.Equal(IdempotencyToken.ForIntent(IntentOf(call.Action, call.Resource, skip: 1)), call.Token));
    }

    [Theory]
    [InlineData("8ab799e8fd3a417393c6a4eff63ff14f")]
    [InlineData("0123456789-0123456789-0123456789-abc")]
    [InlineData("!printable~ASCII~from~bang~to~tilde")]
    public void An_operation_id_that_fits_every_api_is_the_token_itself(string operationId) =>
        Assert.Equal(operationId, IdempotencyToken.ForIntent(operationId));

    [Theory]
    [InlineData("0123456789-0123456789-0123456789-abcd")]
    [InlineData("op with spaces")]
    [InlineData("opération")]
    public void A_longer_or_non_ascii_operation_id_becomes_a_hash_that_fits(string operationId)
    {
        var token = IdempotencyToken.ForIntent(operationId);

        Assert.Matches("^[0-9a-f]{32}$", token);
        Assert.Equal(token, IdempotencyToken.ForIntent(operationId));
        Assert.NotEqual(token, IdempotencyToken.ForIntent(operationId + "x"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void There_is_no_token_without_an_operation_id(string? operationId) =>
        Assert.ThrowsAny<ArgumentException>(() => IdempotencyToken.ForIntent(operationId!));
}

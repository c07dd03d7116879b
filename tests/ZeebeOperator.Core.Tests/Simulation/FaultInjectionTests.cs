using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Infrastructure;

namespace ZeebeOperator.Core.Tests.Simulation;

public sealed class FaultInjectionTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task The_same_seed_fails_the_same_calls()
    {
        var first = await OutcomesAsync(seed: 42);
        var second = await OutcomesAsync(seed: 42);
        var other = await OutcomesAsync(seed: 7);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Contains("ThrottlingException", first);
        Assert.Contains("ServerException", first);
        Assert.Contains("ok", first);

        static async Task<IReadOnlyList<string>> OutcomesAsync(int seed)
        {
            var sim = new SimulationFixture(new SimulationOptions { Faults = new FaultOptions(seed, ThrottleRate: 0.3, ServerErrorRate: 0.2) });
            var outcomes = new List<string>();
            for (var i = 0; i < 40; i++)
            {
                try
                {
                    await sim.Aws.Ecs.DescribeServicesAsync(SimulationFixture.Cluster, ["svc"], Ct);
                    outcomes.Add("ok");
                }
                catch (AwsApiException ex)
                {
                    Assert.True(ex.IsTransient);
                    outcomes.Add(ex.ErrorCode);
                }
            }

            return outcomes;
        }
    }

    [Fact]
    public async Task A_failed_call_changes_nothing()
    {
        var sim = new SimulationFixture();
        var td = await sim.RegisterAsync("svc");
        sim.Aws.Faults.FailNext("ecs:CreateService", AwsErrorKind.ServiceUnavailable);

        var error = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("svc", td.Arn), Ct));

        Assert.Equal(("ServerException", AwsErrorKind.ServiceUnavailable), (error.ErrorCode, error.Kind));
        Assert.Empty(await sim.Aws.Ecs.DescribeServicesAsync(SimulationFixture.Cluster, ["svc"], Ct));
        Assert.True((await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("svc", td.Arn), Ct)).IsActive);
    }

    [Fact]
    public async Task Fail_next_counts_down_and_uses_each_services_codes()
    {
        var sim = new SimulationFixture();
        sim.Aws.Faults.FailNext("CreateAccessPoint", AwsErrorKind.Throttled, count: 2);
        sim.Aws.Faults.FailNext("servicediscovery:ListServices", AwsErrorKind.AccessDenied);
        var request = new CreateAccessPointRequest("t", "fs-1", "/a", new Core.Spec.PosixIdentity(1001, 0), "0750", new Dictionary<string, string>());

        var one = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Efs.CreateAccessPointAsync(request, Ct));
        await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Efs.CreateAccessPointAsync(request, Ct));
        await sim.Aws.Efs.CreateAccessPointAsync(request, Ct);
        var denied = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.ServiceDiscovery.ListServicesAsync("ns-1", Ct));

        Assert.Equal(("ThrottlingException", "elasticfilesystem", "CreateAccessPoint"), (one.ErrorCode, one.Service, one.Operation));
        Assert.Equal("AccessDeniedException", denied.ErrorCode);
        Assert.Equal(0, sim.Aws.Faults.PlannedCount);
    }

    [Fact]
    public async Task Latency_is_spent_on_the_simulation_clock()
    {
        var sim = new SimulationFixture(new SimulationOptions { Faults = new FaultOptions(Latency: TimeSpan.FromMilliseconds(200)) });

        var call = sim.Aws.Ecs.DescribeServicesAsync(SimulationFixture.Cluster, ["svc"], Ct);
        Assert.False(call.IsCompleted);
        sim.Advance(TimeSpan.FromMilliseconds(200));

        Assert.Empty(await call.WaitAsync(TimeSpan.FromSeconds(5), TimeProvider.System));
    }

    [Fact]
    public async Task The_call_log_counts_mutating_and_read_calls()
    {
        var sim = new SimulationFixture();
        var td = await sim.RegisterAsync("svc");
        await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("svc", td.Arn), Ct);
        sim.Aws.Faults.FailNext("DescribeServices", AwsErrorKind.Throttled);
        await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.DescribeServicesAsync(SimulationFixture.Cluster, ["svc"], Ct));

        Assert.Equal(2, sim.Aws.Calls.CountMutating());
        Assert.Equal(2, sim.Aws.Calls.CountMutating(AwsServices.Ecs));
        Assert.Equal(1, sim.Aws.Calls.Count("DescribeServices"));
        Assert.Equal(1, sim.Aws.Calls.Count("ecs:CreateService"));
        Assert.Equal(["ecs:RegisterTaskDefinition", "ecs:CreateService"], sim.Aws.Calls.Mutating.Select(c => c.Action));
        var failed = Assert.Single(sim.Aws.Calls.Snapshot(), c => c.Outcome == ApiCallOutcome.Failed);
        Assert.Equal(("DescribeServices", "ThrottlingException", false), (failed.Operation, failed.ErrorCode, failed.Mutating));

        var mark = sim.Aws.Calls.Mark();
        await sim.Aws.Ecs.DescribeServicesAsync(SimulationFixture.Cluster, ["svc"], Ct);
        Assert.Single(sim.Aws.Calls.Since(mark));
        Assert.DoesNotContain(sim.Aws.Calls.Since(mark), c => c.Mutating);

        sim.Aws.Calls.Reset();
        Assert.Equal(0, sim.Aws.Calls.Total);
    }

    [Fact]
    public async Task Concurrent_reconcilers_get_consistent_results()
    {
        var sim = new SimulationFixture();
        var definitions = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => sim.RegisterAsync($"b{i}")));

        await Task.WhenAll(Enumerable.Range(0, 8).SelectMany(i => Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service($"b{i}", definitions[i].Arn, token: $"tok-{i}"), Ct)))));
        sim.AdvanceSeconds(20);

        var services = await sim.Aws.Ecs.DescribeServicesAsync(SimulationFixture.Cluster, Enumerable.Range(0, 8).Select(i => $"b{i}").ToArray(), Ct);
        Assert.Equal(8, services.Count);
        Assert.All(services, s => Assert.Equal(1, s.RunningCount));
        Assert.Equal(32, sim.Aws.Calls.Count("CreateService"));
        Assert.All(services, s => Assert.Equal(EcsServiceStatus.Active, s.Status));
    }
}

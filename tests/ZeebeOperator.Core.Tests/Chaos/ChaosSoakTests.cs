using ZeebeOperator.Simulation.Chaos;

namespace ZeebeOperator.Core.Tests.Chaos;

/// <summary>The short soak: a few seeds, a few hundred steps each, every invariant checked after every step.</summary>
public sealed class ChaosSoakTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public async Task The_operator_keeps_every_invariant_under_faults_kills_task_stops_and_spec_changes(int seed)
    {
        using var runner = new SoakRunner(new SoakOptions { Seed = seed, Steps = 300, CalmEvery = 100 });

        var report = await runner.RunAsync();

        Assert.True(report.ViolationCount == 0, string.Join(Environment.NewLine, report.Violations.Take(10)));
        Assert.All(Enum.GetNames<ChaosFaultKind>(), kind => Assert.True(report.Faults[kind] > 0, $"no {kind} was injected"));
        Assert.True(report.Kills > 0 && report.LostResponses > 0 && report.BrokerTasksStopped > 0);
        Assert.True(report.ScaleChanges + report.ImageUpgrades > 0);
        Assert.Equal(4, report.ResyncsToConverge.Count); // steps 100, 200, 300 and the final one
        Assert.Equal(8, report.ForeignResources); // access points, Cloud Map and ECS services, task definition revisions: two each
        Assert.NotEmpty(runner.Aws.Outbox.All);
        // Three awsvpc subscriber tasks and two bridge ones on EC2 instances, whose addresses were looked up.
        Assert.True(runner.Aws.Subscribers.All.Select(r => (r.Endpoint, r.IdempotencyKey)).Distinct().Count() >= 5 * runner.Aws.Outbox.All.Count);
        Assert.True(runner.Aws.Calls.Count("ec2:DescribeInstances") > 0);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_run()
    {
        var options = new SoakOptions { Seed = 5, Steps = 120, CalmEvery = 60 };
        using var first = new SoakRunner(options);
        using var second = new SoakRunner(options);

        var a = await first.RunAsync();
        var b = await second.RunAsync();

        Assert.Equal(a.Calls, b.Calls);
        Assert.Equal(a.Faults, b.Faults);
        Assert.Equal((a.Kills, a.BrokerTasksStopped, a.ScaleChanges, a.ImageUpgrades), (b.Kills, b.BrokerTasksStopped, b.ScaleChanges, b.ImageUpgrades));
        Assert.Equal(a.ResyncsToConverge, b.ResyncsToConverge);
        Assert.Equal(a.SimulatedTime, b.SimulatedTime);
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Quartz;
using ZeebeOperator.Core.Queue;
using ZeebeOperator.Host.Controller;
using ZeebeOperator.Host.Tests.Support;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Host.Tests.Controller;

public sealed class ResyncJobTests
{
    [Fact]
    public async Task Queues_every_known_cluster_once()
    {
        var clock = new ManualTimeProvider(TestTime.Start);
        using var queue = new WorkQueue(clock, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        var known = new KnownClusters();
        known.Replace(["orders", "payments"]);
        queue.Add("orders");
        var job = new ResyncJob(known, queue, NullLogger<ResyncJob>.Instance);

        await job.Execute(Mock.Of<IJobExecutionContext>(), CancellationToken.None);

        Assert.Equal(2, queue.Count);
    }
}

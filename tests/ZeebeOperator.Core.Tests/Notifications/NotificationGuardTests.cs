using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Simulation.Time;
using ZeebeOperator.Core.Tests.Support;

namespace ZeebeOperator.Core.Tests.Notifications;

/// <summary>A caller passing no ECS clusters or no pending view is told which argument is missing, before anything is asked of ECS.</summary>
public sealed class NotificationGuardTests
{
    [Fact]
    public async Task The_ECS_directory_refuses_missing_ECS_clusters_by_name()
    {
        var ecs = new Mock<IEcsApi>(MockBehavior.Strict);
        var directory = new EcsSubscriberDirectory(ecs.Object, new ManualTimeProvider(OperatorHarness.Start), Options.Create(new NotifyOptions()), NullLogger<EcsSubscriberDirectory>.Instance);

        await Assert.ThrowsAsync<ArgumentNullException>("ecsClusters", () => directory.SubscribersAsync(null!, CancellationToken.None));
    }

    [Fact]
    public async Task The_queue_directory_refuses_missing_ECS_clusters_by_name_without_asking_the_task_directory()
    {
        var tasks = new Mock<ISubscriberDirectory>();
        tasks.Setup(t => t.SubscribersAsync(It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var directory = new QueueSubscriberDirectory(tasks.Object, new Uri("https://sqs.eu-west-1.amazonaws.com/123456789012/notifications"));

        await Assert.ThrowsAsync<ArgumentNullException>("ecsClusters", () => directory.SubscribersAsync(null!, CancellationToken.None));
        tasks.VerifyNoOtherCalls();
    }

    [Fact]
    public void Pending_deliveries_refuse_a_missing_outbox_view_by_name()
    {
        Assert.Throws<ArgumentNullException>("pending", () => new PendingDeliveries().Refresh(null!));
    }
}

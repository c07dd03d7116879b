namespace ZeebeOperator.Core.Notifications;

/// <summary>
/// The subscriber tasks <paramref name="tasks"/> finds, and the notifications queue (<c>Notify:QueueUrl</c>) as one
/// more subscriber in every ECS cluster asked about: every event reaches it, whatever ECS clusters its spec names.
/// </summary>
public sealed class QueueSubscriberDirectory(ISubscriberDirectory tasks, Uri queueUrl) : ISubscriberDirectory
{
    public async Task<IReadOnlyList<SubscriberTask>> SubscribersAsync(IReadOnlyList<string> ecsClusters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ecsClusters);
        var found = await tasks.SubscribersAsync(ecsClusters, cancellationToken).ConfigureAwait(false);
        return [.. found, .. ecsClusters.Select(c => SubscriberTask.ForQueue(c, queueUrl))];
    }
}

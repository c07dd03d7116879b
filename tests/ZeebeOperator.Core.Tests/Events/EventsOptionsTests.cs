using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Events;

namespace ZeebeOperator.Core.Tests.Events;

/// <summary>The <c>Events</c> section: validated like the others, and with a queue the resync and spec poll become safety nets.</summary>
public sealed class EventsOptionsTests
{
    [Fact]
    public void Bad_Events_settings_are_refused_naming_every_key()
    {
        using var services = Compose(new() { ["Events:QueueUrl"] = "zeebe-operator-events", ["Events:WaitTimeSeconds"] = "25", ["Events:MaxMessages"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<EventsOptions>>().Value);

        Assert.Equal(
            [
                "Events:WaitTimeSeconds must be 1 to 20 (was 25).",
                "Events:MaxMessages must be 1 to 10 (was 0).",
                "Events:QueueUrl must be an SQS queue URL such as https://sqs.eu-central-1.amazonaws.com/123456789012/zeebe-operator-events (was 'zeebe-operator-events').",
            ],
            error.Failures);
    }

    [Fact]
    public void With_a_queue_the_resync_and_the_spec_poll_default_to_their_safety_net_intervals_and_configured_ones_win()
    {
        const string Queue = "https://sqs.eu-central-1.amazonaws.com/123456789012/zeebe-operator-events";

        using var polling = Compose([]);
        using var withEvents = Compose(new() { ["Events:QueueUrl"] = Queue });
        using var configured = Compose(new() { ["Events:QueueUrl"] = Queue, ["Operator:ResyncInterval"] = "00:10:00" });

        Assert.Equal((TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(15)), Intervals(polling));
        Assert.Equal((TimeSpan.FromHours(1), TimeSpan.FromMinutes(5)), Intervals(withEvents));
        Assert.Equal((TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5)), Intervals(configured));
    }

    private static (TimeSpan Resync, TimeSpan SpecPoll) Intervals(ServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<OperatorOptions>>().Value;
        return (options.ResyncInterval, options.SpecPollInterval);
    }

    private static ServiceProvider Compose(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddZeebeOperatorCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace ZeebeOperator.Host.Composition;

/// <summary>
/// Short intervals for <c>--local</c>: the simulation runs in real time, so the loop looks again within a second or
/// two and the sample clusters converge in seconds. They sit below environment variables and the command line, so
/// <c>Operator__…</c> variables still win.
/// </summary>
internal static class LocalMode
{
    /// <summary>The simulated queue's URL, in SQS's shape; nothing is sent anywhere.</summary>
    public const string LocalEventsQueueUrl = "https://sqs.us-east-1.amazonaws.com/000000000000/zeebe-operator-events";

    public static IReadOnlyDictionary<string, string?> Defaults { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        ["Operator:SpecPollInterval"] = "00:00:01",
        ["Operator:ProgressRequeueInterval"] = "00:00:01",
        ["Operator:ResyncInterval"] = "00:00:30",
        ["Operator:BaseBackoff"] = "00:00:00.5",
        ["Operator:MaxBackoff"] = "00:00:10",
        ["Operator:ShutdownGrace"] = "00:00:05",
        ["Local:TaskStartDelay"] = "00:00:02",

        // The simulated account's events queue: ECS and the spec bucket announce changes, so the loop reacts at once.
        // Events__QueueUrl= (empty) turns events off and leaves the loop to polling.
        ["Events:QueueUrl"] = LocalEventsQueueUrl,

        // One process on its in-memory lease store: no health port unless asked for (Health__Enabled=true).
        ["Health:Enabled"] = "false",
    };

    public static void AddDefaults(IConfigurationBuilder configuration)
    {
        var source = new MemoryConfigurationSource { InitialData = Defaults };
        var sources = configuration.Sources;
        var firstOverride = -1;
        for (var i = sources.Count - 1; i >= 0; i--)
        {
            if (sources[i] is EnvironmentVariablesConfigurationSource { Prefix: null or "" })
            {
                firstOverride = i;
            }
        }

        if (firstOverride < 0)
        {
            configuration.Add(source);
        }
        else
        {
            sources.Insert(firstOverride, source);
        }
    }
}

using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Queue;
using ZeebeOperator.Host.Composition;
using ZeebeOperator.Host.Controller;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Host.Tests.Observability;

/// <summary>JSON logs of a reconcile of a new cluster on the simulation, as <c>Logging:Format=json</c> writes them.</summary>
public sealed class JsonLogTests
{
    private const string DevSpec = """
        {
          "apiVersion": "zeebe.camunda.io/v1alpha1",
          "kind": "ZeebeCluster",
          "metadata": { "name": "dev", "generation": 1 },
          "spec": {
            "image": "camunda/camunda:8.8.3",
            "clusterSize": 3,
            "partitionCount": 3,
            "replicationFactor": 3,
            "resources": { "cpu": 1024, "memory": 4096 },
            "placement": {
              "ecsCluster": "camunda-dev",
              "subnets": ["subnet-0a1b2c3d4e5f60718"],
              "securityGroups": ["sg-0a1b2c3d4e5f60718"],
              "launchType": "FARGATE",
              "executionRoleArn": "arn:aws:iam::123456789012:role/zeebe-dev-execution",
              "logGroup": "/ecs/zeebe/dev"
            },
            "serviceDiscovery": { "namespaceId": "ns-3f2a9c8d7e6b5a41", "namespaceName": "zeebe-dev.internal" },
            "storage": { "fileSystemId": "fs-0123456789abcdef0", "rootDirectory": "/zeebe/dev" }
          }
        }
        """;

    [Fact]
    public async Task Every_line_of_a_reconcile_carries_the_cluster_and_per_node_lines_the_node()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
        var aws = new SimulatedAws(time);
        aws.Specs.Put("dev.json", DevSpec);
        var capture = new LogCapture();
        using var services = Compose(aws, time, capture);
        var queue = services.GetRequiredService<WorkQueue>();
        queue.Add("dev");

        await services.GetRequiredService<ReconcileDispatcher>().ProcessAsync((await queue.GetAsync(CancellationToken.None))!, CancellationToken.None);

        var lines = capture.Lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            Assert.Equal("dev", line.GetProperty("Cluster").GetString());
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", line.GetProperty("Timestamp").GetString());
            Assert.False(line.TryGetProperty("Scopes", out _));
        });
        var actions = lines.Where(l => l.GetProperty("Category").GetString() == typeof(Core.Reconciliation.PlanExecutor).FullName).ToList();
        Assert.NotEmpty(actions);
        Assert.All(actions, line => Assert.StartsWith(
            $"Cluster dev: node {line.GetProperty("Node").GetInt32()}: ", line.GetProperty("Message").GetString(), StringComparison.Ordinal));
        Assert.Equal([0, 1, 2], actions.Select(l => l.GetProperty("Node").GetInt32()).Distinct().Order());
        var outcome = Assert.Single(lines, l => l.TryGetProperty("EventId", out var id) && id.GetInt32() == 301);
        Assert.Equal("Information", outcome.GetProperty("Level").GetString());
        Assert.Equal("dev", outcome.GetProperty("ClusterName").GetString());
        Assert.False(outcome.TryGetProperty("Node", out _));
    }

    [Fact]
    public void Json_format_selects_the_flat_formatter()
    {
        using var services = new ServiceCollection()
            .AddLogging(logging => OperatorLogging.Configure(logging, Json()))
            .BuildServiceProvider();

        var name = services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName;

        Assert.Equal(OperatorJsonConsoleFormatter.FormatterName, name);
        Assert.IsType<OperatorJsonConsoleFormatter>(Assert.Single(services.GetServices<ConsoleFormatter>(), f => f.Name == name));
    }

    private static IConfiguration Json() =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [OperatorLogging.FormatKey] = "json" }).Build();

    /// <summary>The operator's core and dispatcher on the simulation, logging through the configured console formatter into <paramref name="capture"/>.</summary>
    private static ServiceProvider Compose(SimulatedAws aws, ManualTimeProvider time, LogCapture capture)
    {
        var configuration = Json();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(time);
        services.AddLogging(logging =>
        {
            OperatorLogging.Configure(logging, configuration);
            logging.Services.RemoveAll<ILoggerProvider>();
            logging.Services.AddSingleton<ILoggerProvider>(provider =>
            {
                var name = provider.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName;
                return new CapturingLoggerProvider(provider.GetServices<ConsoleFormatter>().Single(f => f.Name == name), capture);
            });
        });
        services.AddZeebeOperatorCore(configuration);
        services.AddSimulatedAws(aws);
        services.AddSingleton<WorkQueue>().AddSingleton<ReconcileDispatcher>();
        return services.BuildServiceProvider();
    }

    private sealed class LogCapture
    {
        private readonly Lock gate = new();
        private readonly System.Text.StringBuilder text = new();

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (gate)
                {
                    return text.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
                }
            }
        }

        public void Write(Action<TextWriter> write)
        {
            lock (gate)
            {
                using var writer = new StringWriter(text, System.Globalization.CultureInfo.InvariantCulture);
                write(writer);
            }
        }
    }

    /// <summary>Does what the console logger does with a formatter, into a string instead of standard error.</summary>
    private sealed class CapturingLoggerProvider(ConsoleFormatter formatter, LogCapture capture) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(string category, CapturingLoggerProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => provider.scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var entry = new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter);
                provider.Write(entry);
            }
        }

        private void Write<TState>(LogEntry<TState> entry) => capture.Write(writer => formatter.Write(entry, scopes, writer));
    }
}

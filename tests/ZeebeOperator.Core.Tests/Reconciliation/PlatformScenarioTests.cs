using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Time;
using ZeebeOperator.Simulation.Zeebe;

namespace ZeebeOperator.Core.Tests.Reconciliation;

/// <summary>Secrets, ARM64 and rollout restarts on the simulated AWS and Zeebe.</summary>
public sealed class PlatformScenarioTests : IDisposable
{
    private const string EcsCluster = "camunda";
    private const string FirstArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders/db-AbCdEf:password::";
    private const string RotatedArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders/db-v2-GhIjKl:password::";
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(2);

    private readonly ManualTimeProvider _time = new(OperatorHarness.Start);
    private readonly SimulatedAws _aws;
    private readonly LogCapture _logs = new();
    private readonly List<string> _statuses = [];
    private readonly OperatorHarness _operator;

    public PlatformScenarioTests()
    {
        _aws = new SimulatedAws(_time, new SimulationOptions
        {
            Zeebe = new SimulatedZeebeOptions { StartupDuration = TimeSpan.FromSeconds(10), ChangeDuration = TimeSpan.FromSeconds(5) },
        });
        _aws.AddNamespace("ns-abcdef0123456789", "zeebe.internal");
        _operator = new OperatorHarness(_aws, _time, _aws.Zeebe, configure: services => services
            .AddSingleton<ILoggerFactory>(LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs)))
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>)));
    }

    public void Dispose() => _operator.Dispose();

    [Fact]
    public async Task A_secret_reaches_the_task_definition_as_valueFrom_and_a_new_ARN_restarts_one_broker_at_a_time_without_the_ARN_in_any_log_status_or_audit_record()
    {
        _operator.Commit(WithSecret(FirstArn, generation: 1));
        await ConvergeAsync(_ => { });

        _operator.Commit(WithSecret(RotatedArn, generation: 2));
        var result = await ConvergeAsync(_ => Assert.InRange(BrokersDown(), 0, 1));

        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        foreach (var definition in await CurrentDefinitionsAsync())
        {
            var container = definition.Definition.ContainerDefinitions.Single();
            Assert.Equal([new ContainerSecret("DB_PASSWORD", RotatedArn)], container.Secrets);
            Assert.DoesNotContain(container.Environment, e => e.Name == "DB_PASSWORD");
        }

        Assert.Equal(["orders-broker-2", "orders-broker-1", "orders-broker-0"], UpdatesOf(generation: 2));
        Assert.Contains(_aws.Audit.All, a => a.Action == "ecs:RegisterTaskDefinition" && a.Generation == 2 && a.Reason == "secrets DB_PASSWORD");
        var recorded = string.Join('\n', _logs.Lines.Concat(_statuses).Concat(_aws.Audit.All.Select(a => JsonSerializer.Serialize(a))));
        Assert.Contains("DB_PASSWORD", recorded, StringComparison.Ordinal);
        Assert.DoesNotContain("secretsmanager", recorded, StringComparison.Ordinal);
        Assert.DoesNotContain("orders/db", recorded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arm64_is_rendered_and_a_change_of_architecture_restarts_one_broker_at_a_time_highest_first()
    {
        _operator.Commit(TestSpecs.Orders());
        await ConvergeAsync(_ => { });

        var orders = TestSpecs.Orders(generation: 2);
        _operator.Commit(orders with { Spec = orders.Spec with { Placement = orders.Spec.Placement with { CpuArchitecture = CpuArchitecture.Arm64 } } });
        var result = await ConvergeAsync(_ => Assert.InRange(BrokersDown(), 0, 1));

        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        Assert.All(await CurrentDefinitionsAsync(), d => Assert.Equal(new RuntimePlatform("ARM64", "LINUX"), d.Definition.RuntimePlatform));
        Assert.Equal(["orders-broker-2", "orders-broker-1", "orders-broker-0"], UpdatesOf(generation: 2));
        Assert.Contains(_aws.Audit.All, a => a.Action == "ecs:RegisterTaskDefinition" && a.Generation == 2 && a.Reason == "cpu architecture X86_64 -> ARM64");
    }

    [Fact]
    public async Task A_rollout_restart_restarts_every_broker_exactly_once_highest_first_one_at_a_time_inside_the_maintenance_window()
    {
        var window = new UpdateStrategySpec(UpdateStrategyType.RollingUpdate, new MaintenanceWindowSpec("0 0 2 ? * SUN", TimeSpan.FromHours(2)));
        var orders = TestSpecs.Orders();
        _operator.Commit(orders with { Spec = orders.Spec with { UpdateStrategy = window } });
        await ConvergeAsync(_ => { });
        var tasksSeen = RunningTasks().ToDictionary(t => t.Key, t => new List<string> { t.Value });
        var before = _aws.Audit.All.Count;

        orders = TestSpecs.Orders(generation: 2);
        _operator.Commit(orders with { Spec = orders.Spec with { UpdateStrategy = window, RestartedAt = "2026-11-22T08:00:00Z" } });
        var waiting = await _operator.ReconcileAsync();

        Assert.Equal(ReconcileOutcome.InProgress, waiting.Outcome);
        Assert.DoesNotContain(_aws.Audit.All.Skip(before), a => a.Action == "ecs:UpdateService");
        var opening = new DateTimeOffset(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);
        _time.Advance(opening - _time.GetUtcNow());
        _aws.Advance();

        var result = await ConvergeAsync(_ =>
        {
            Assert.InRange(BrokersDown(), 0, 1);
            foreach (var (service, task) in RunningTasks())
            {
                if (tasksSeen[service][^1] != task)
                {
                    tasksSeen[service].Add(task);
                }
            }
        });

        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        Assert.All(tasksSeen.Values, tasks => Assert.Equal(2, tasks.Count));
        Assert.Equal(["orders-broker-2", "orders-broker-1", "orders-broker-0"], UpdatesOf(generation: 2));
        Assert.All(
            _aws.Audit.All.Where(a => a.Action == "ecs:UpdateService" && a.Generation == 2),
            a => Assert.InRange(a.Timestamp, opening, opening.AddHours(2)));
        Assert.All(await CurrentDefinitionsAsync(), d => Assert.Equal(
            "2026-11-22T08:00:00Z",
            d.Definition.ContainerDefinitions.Single().DockerLabels![DesiredStateRenderer.RestartedAtLabel]));
        Assert.Contains(_aws.Audit.All, a => a.Action == "ecs:RegisterTaskDefinition" && a.Reason == "restart requested at 2026-11-22T08:00:00Z");
    }

    private static ZeebeClusterDocument WithSecret(string arn, long generation) =>
        TestSpecs.Orders(generation: generation, secrets: new Dictionary<string, string> { ["DB_PASSWORD"] = arn });

    private IReadOnlyList<EcsService> ActiveServices() => [.. _aws.Ecs.ListServices(EcsCluster).Where(s => s.IsActive)];

    private int BrokersDown() => ActiveServices().Count(s => !_aws.Ecs.GetTasks(EcsCluster, s.ServiceName)
        .Any(t => t.LastStatus == EcsTaskStatus.Running && t.TaskDefinitionArn == s.TaskDefinition));

    /// <summary>The RUNNING task of every service that has one.</summary>
    private Dictionary<string, string> RunningTasks() => ActiveServices()
        .Select(s => (s.ServiceName, Task: _aws.Ecs.GetTasks(EcsCluster, s.ServiceName).FirstOrDefault(t => t.LastStatus == EcsTaskStatus.Running)))
        .Where(s => s.Task is not null)
        .ToDictionary(s => s.ServiceName, s => s.Task!.TaskArn);

    private List<string> UpdatesOf(long generation) =>
        [.. _aws.Audit.All.Where(a => a.Action == "ecs:UpdateService" && a.Phase == AuditPhase.Succeeded && a.Generation == generation)
            .OrderBy(a => a.Timestamp)
            .Select(a => a.Resource)];

    private async Task<List<TaskDefinition>> CurrentDefinitionsAsync()
    {
        var definitions = new List<TaskDefinition>();
        foreach (var service in ActiveServices())
        {
            definitions.Add(await _aws.Ecs.DescribeTaskDefinitionAsync(service.TaskDefinition, CancellationToken.None));
        }

        return definitions;
    }

    /// <summary>Reconciles in small time steps, keeping every status written and checking <paramref name="invariant"/> after every step.</summary>
    private async Task<ReconcileResult> ConvergeAsync(Action<ReconcileResult> invariant, int maxSteps = 400)
    {
        for (var i = 0; i < maxSteps; i++)
        {
            var result = await _operator.ReconcileAsync();
            _statuses.Add(JsonSerializer.Serialize(await _operator.StatusAsync()));
            invariant(result);
            if (result.Outcome is ReconcileOutcome.Converged or ReconcileOutcome.Blocked)
            {
                return result;
            }

            _time.Advance(Step);
            _aws.Advance();
        }

        throw new Xunit.Sdk.XunitException($"not converged in {maxSteps} steps: {_operator.Results[^1]}");
    }

    /// <summary>Every log message with its structured values, as a sink would receive them.</summary>
    private sealed class LogCapture : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IEnumerable<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            _lines.Enqueue(Describe(state));
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue($"{formatter(state, exception)} {Describe(state)} {exception}");

        public void Dispose()
        {
        }

        private static string Describe<TState>(TState state) =>
            state is IEnumerable<KeyValuePair<string, object?>> values ? string.Join(", ", values.Select(v => $"{v.Key}={v.Value}")) : $"{state}";
    }
}

using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Zeebe;
using ZeebeOperator.Simulation.Notifications;
using ZeebeOperator.Simulation.Time;
using ZeebeOperator.Simulation.Zeebe;

namespace ZeebeOperator.Simulation.Chaos;

/// <summary>
/// Drives the operator's real core through a seeded storm on the simulation: each step the user may change the spec,
/// a broker task may die, the operator reconciles under injected faults and may be killed mid-reconcile (then a new
/// operator with empty memory takes over), and time moves on. After every step the <see cref="InvariantChecker"/>
/// looks at the account; every <see cref="SoakOptions.CalmEvery"/> steps the faults stop and the cluster must converge.
/// </summary>
public sealed class SoakRunner : IDisposable
{
    public const string ClusterName = "orders";
    private const string Subscriber = "orders-listener";
    private const int SubscriberTasks = 3;

    /// <summary>An EC2 subscriber in bridge mode on dynamic host ports, reached at its container instance's address.</summary>
    private const string BridgeSubscriber = "orders-bridge-listener";
    private const int BridgeSubscriberTasks = 2;

    private const int MaxPartitions = 8;

    private static readonly int[] ReplicationFactors = [1, 2, 3];

    private static readonly DateTimeOffset Start = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private readonly SoakOptions _options;
    private readonly ManualTimeProvider _time = new(Start);
    private readonly SimulatedAws _aws;
    private readonly ChaosInjector _chaos;
    private readonly InvariantChecker _checker;
    private readonly Random _random;
    private readonly IReadOnlySet<string> _clusters = new HashSet<string>(StringComparer.Ordinal) { ClusterName };
    private readonly List<InvariantViolation> _violations = [];
    private readonly Dictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _exceptions = new(StringComparer.Ordinal);
    private readonly List<int> _resyncs = [];
    private SoakSpec _spec = new(ClusterName, ClusterSize: 3, ImagePatch: 3, Generation: 1);
    private OperatorProcess? _operator;
    private List<string> _subscribers = [];
    private readonly Dictionary<string, string> _instanceAddresses = new(StringComparer.Ordinal);
    private int _kills;
    private int _tasksStopped;
    private int _scaleChanges;
    private int _upgrades;
    private int _partitionChanges;
    private int _coordinatorStops;

    public SoakRunner(SoakOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _random = new Random(options.Seed);
        _aws = new SimulatedAws(_time, new SimulationOptions
        {
            IdSeed = options.Seed,
            Zeebe = new SimulatedZeebeOptions { StartupDuration = TimeSpan.FromSeconds(10), ChangeDuration = TimeSpan.FromSeconds(5) },
        });
        _chaos = new ChaosInjector(_time, options.Seed);
        _checker = new InvariantChecker(_aws, _chaos.Ledger);
    }

    /// <summary>The simulated account, for inspection after a run.</summary>
    public SimulatedAws Aws => _aws;

    public async Task<SoakReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        _aws.AddEcsCluster(SoakSpec.EcsCluster);
        _aws.AddNamespace(SoakSpec.NamespaceId, SoakSpec.NamespaceName);
        _aws.AddFileSystem(SoakSpec.FileSystemId);
        await SeedForeignResourcesAsync(cancellationToken);
        _checker.RecordForeignResources();
        await StartSubscribersAsync(cancellationToken);
        Commit(_spec);
        _operator = new OperatorProcess(_aws, _time, _chaos);

        for (var step = 1; step <= _options.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_options.CalmEvery > 0 && step % _options.CalmEvery == 0)
            {
                await ConvergeAsync(step, cancellationToken);
                continue;
            }

            await ChaoticStepAsync(step, cancellationToken);
        }

        await ConvergeAsync(_options.Steps, cancellationToken);

        return new SoakReport(
            _options.Seed,
            _options.Steps,
            watch.Elapsed,
            _time.GetUtcNow() - Start,
            _chaos.Calls,
            _chaos.Counts.ToDictionary(c => c.Key.ToString(), c => c.Value, StringComparer.Ordinal),
            _kills,
            _tasksStopped,
            _scaleChanges,
            _upgrades,
            _outcomes,
            _exceptions,
            _checker.ForeignResourceCount,
            _chaos.Ledger.AuditedCalls,
            _resyncs,
            Invariants.All.ToDictionary(i => i, i => _violations.Count(v => v.Invariant == i), StringComparer.Ordinal),
            _violations,
            BackupsByState())
        {
            PartitionChanges = _partitionChanges,
            CoordinatorStops = _coordinatorStops,
            BrokerRestarts = _checker.BrokerRestarts,
            ZeebeChangesAccepted = _aws.Zeebe.Cluster.AcceptedChanges(ClusterName).Count,
        };
    }

    private Dictionary<string, int> BackupsByState()
    {
        var kept = _aws.Zeebe.Cluster.Inspect(ClusterName) is null ? [] : _aws.Zeebe.Cluster.InspectBackups(ClusterName).ToDictionary(b => b.BackupId);
        return _aws.Zeebe.Cluster.Calls
            .Where(c => c is { Operation: SimulatedZeebeOperation.TakeBackup, Outcome: SimulatedZeebeOutcome.Accepted, BackupId: not null } && c.ClusterName == ClusterName)
            .GroupBy(c => kept.TryGetValue(c.BackupId!.Value, out var backup) ? backup.State.ToApiName() : "DELETED")
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    public void Dispose() => _operator?.Dispose();

    private async Task ChaoticStepAsync(int step, CancellationToken cancellationToken)
    {
        if (_random.NextDouble() < _options.SpecChangeRate)
        {
            ChangeSpec();
        }

        if (_random.NextDouble() < _options.TaskStopRate)
        {
            StopRandomBrokerTask();
        }

        if (ChangeInFlight() && _random.NextDouble() < _options.CoordinatorLossRate)
        {
            StopCoordinator();
        }

        _chaos.Configure(_options.Chaos);
        if (_random.NextDouble() < _options.KillRate)
        {
            _chaos.ArmKill(_random.Next(1, 16), afterReachingAws: _random.Next(2) == 0);
        }

        await ReconcileOnceAsync(cancellationToken);
        await DeliverOnceAsync(cancellationToken);
        _chaos.Disarm();
        _time.Advance(TimeSpan.FromMilliseconds(_random.Next(500, (int)_options.MaxStepTime.TotalMilliseconds + 1)));
        _aws.Advance();
        _violations.AddRange(_checker.Check(step, _clusters));
    }

    /// <summary>Faults stop; a fresh operator must bring the cluster to the spec within the bound.</summary>
    private async Task ConvergeAsync(int step, CancellationToken cancellationToken)
    {
        _chaos.Configure(ChaosOptions.Calm);
        _chaos.Disarm();
        Restart();
        for (var pass = 1; pass <= _options.MaxResyncsToConverge; pass++)
        {
            var result = await ReconcileOnceAsync(cancellationToken);
            _violations.AddRange(_checker.Check(step, _clusters));
            if (result?.Outcome == ReconcileOutcome.Converged && Mismatch() is null)
            {
                _resyncs.Add(pass);
                await CheckNotificationsAsync(step, cancellationToken);
                return;
            }

            var wait = result?.RequeueAfter ?? TimeSpan.FromSeconds(5);
            _time.Advance(wait > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : wait);
            _aws.Advance();
        }

        _violations.Add(new(step, Invariants.Converges,
            $"not converged to {_spec} within {_options.MaxResyncsToConverge} resyncs: {Mismatch() ?? "the reconciler does not report Converged"}"));
    }

    private async Task<ReconcileResult?> ReconcileOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await _operator!.Reconciler.ReconcileAsync(ClusterName, cancellationToken);
            Count(_outcomes, result.Outcome.ToString());
            return result;
        }
        catch (OperatorKilledException)
        {
            _kills++;
            Restart();
            return null;
        }
        catch (Exception e) when (e is AwsApiException or Core.Zeebe.ZeebeApiException)
        {
            Count(_exceptions, e.GetType().Name);
            return null;
        }
    }

    /// <summary>
    /// Subscriber tasks that stay up the whole run, in the brokers' ECS cluster: awsvpc ones, and bridge ones on two EC2
    /// container instances (their host lookups go through the disturbed ECS and EC2 ports too).
    /// </summary>
    private async Task StartSubscribersAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < 2; i++)
        {
            var (arn, instance) = _aws.AddContainerInstance(SoakSpec.EcsCluster);
            _instanceAddresses[arn] = instance.PrivateIpAddress!;
        }

        await SubscriberServices.DeployAsync(_aws.Ecs, SoakSpec.EcsCluster, Subscriber, SubscriberTasks, cancellationToken: cancellationToken);
        await SubscriberServices.DeployAsync(_aws.Ecs, SoakSpec.EcsCluster, BridgeSubscriber, BridgeSubscriberTasks, networkMode: "bridge", cancellationToken: cancellationToken);
        for (var i = 0; i < 30 && SubscriberEndpoints().Count < SubscriberTasks + BridgeSubscriberTasks; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            _aws.Advance();
        }

        _subscribers = SubscriberEndpoints();
    }

    private List<string> SubscriberEndpoints() =>
        [
            .. _aws.Ecs.GetTasks(SoakSpec.EcsCluster, Subscriber).Where(t => t.LastStatus == EcsTaskStatus.Running)
                .Select(t => Endpoint(t.PrivateIpv4Address!, SubscriberServices.DefaultPort)),
            .. _aws.Ecs.GetTasks(SoakSpec.EcsCluster, BridgeSubscriber).Where(t => t.LastStatus == EcsTaskStatus.Running)
                .Select(t => Endpoint(_instanceAddresses[t.ContainerInstanceArn!], t.Containers!.Single().NetworkBindings.Single().HostPort)),
        ];

    private static string Endpoint(string address, int port) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"http://{address}:{port}{SubscriberServices.DefaultPath}");

    /// <summary>One delivery pass under the step's faults, its attempts awaited; a killed or failed pass leaves the outbox to the next.</summary>
    private async Task<DateTimeOffset?> DeliverOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var next = await _operator!.Delivery.DeliverDueAsync(0, cancellationToken);
            await _operator.Delivery.WhenIdleAsync();
            return next;
        }
        catch (OperatorKilledException)
        {
            _kills++;
            Restart();
            return null;
        }
        catch (AwsApiException e)
        {
            Count(_exceptions, e.GetType().Name);
            return null;
        }
    }

    /// <summary>Once converged and calm, delivery is given the time it needs; then every event reached every subscriber task.</summary>
    private async Task CheckNotificationsAsync(int step, CancellationToken cancellationToken)
    {
        for (var pass = 0; pass < 60 && _aws.Outbox.All.Any(e => !_aws.Outbox.IsCompleted(e.EventId)); pass++)
        {
            var next = await DeliverOnceAsync(cancellationToken);
            var wait = next is { } due && due > _time.GetUtcNow() ? due - _time.GetUtcNow() : TimeSpan.FromSeconds(1);
            _time.Advance(wait);
            _aws.Advance();
        }

        if (SubscriberEndpoints().Order(StringComparer.Ordinal).SequenceEqual(_subscribers.Order(StringComparer.Ordinal)) is false)
        {
            _violations.Add(new(step, Invariants.NotificationsDelivered, "a subscriber task did not stay up; the soak expects them to"));
            return;
        }

        foreach (var notification in _aws.Outbox.All)
        {
            var missing = _subscribers.Where(endpoint => !_aws.Subscribers.ReceivedBy(new Uri(endpoint)).Any(r => r.IdempotencyKey == notification.EventId)).ToList();
            if (missing.Count > 0)
            {
                _violations.Add(new(step, Invariants.NotificationsDelivered,
                    $"{notification.Type} {notification.EventId} (generation {notification.Generation}) not delivered to {string.Join(", ", missing)}"));
            }
        }
    }

    private void Restart()
    {
        _operator?.Dispose();
        _chaos.Restart();
        _operator = new OperatorProcess(_aws, _time, _chaos);
    }

    private void ChangeSpec()
    {
        var kind = _random.Next(3);
        if (kind == 2)
        {
            ChangePartitions();
        }

        // A partition change sometimes comes with a scale in the same edit: the operator must order the two.
        if (kind == 0 || (kind == 2 && _random.Next(3) == 0))
        {
            _spec = _spec with { ClusterSize = _spec.ClusterSize == 3 ? 5 : 3 };
            _scaleChanges++;
        }
        else if (kind == 1)
        {
            _spec = _spec with { ImagePatch = _spec.ImagePatch + 1 };
            _upgrades++;
        }

        _spec = _spec with { Generation = _spec.Generation + 1 };
        Commit(_spec);
    }

    /// <summary>More partitions (up to <see cref="MaxPartitions"/>; they never shrink), another replication factor (1 to 3), or both.</summary>
    private void ChangePartitions()
    {
        var grow = _spec.PartitionCount < MaxPartitions && _random.Next(2) == 0;
        var partitions = grow ? Math.Min(MaxPartitions, _spec.PartitionCount + _random.Next(1, 3)) : _spec.PartitionCount;
        var replication = !grow || _random.Next(2) == 0
            ? ReplicationFactors.Where(r => r != _spec.ReplicationFactor).ElementAt(_random.Next(2))
            : _spec.ReplicationFactor;
        _spec = _spec with { PartitionCount = partitions, ReplicationFactor = replication };
        _partitionChanges++;
    }

    /// <summary>Whether Zeebe runs a change, or has yet to be asked for one the spec wants (members or partitions differ).</summary>
    private bool ChangeInFlight()
    {
        if (_aws.Zeebe.Cluster.Inspect(ClusterName) is not { } topology)
        {
            return false;
        }

        return topology.PendingChange is not null
            || !topology.BrokerIds.Order().SequenceEqual(Enumerable.Range(0, _spec.ClusterSize))
            || topology.Partitions != new PartitionScaling(_spec.PartitionCount, _spec.ReplicationFactor);
    }

    /// <summary>The lowest member, Zeebe's coordinator, stops (ECS restarts it): until it is back, every cluster API request times out.</summary>
    private void StopCoordinator()
    {
        var coordinator = _aws.Zeebe.Cluster.Inspect(ClusterName)?.BrokerIds.Min();
        var task = _aws.Ecs.RunningTasks(ResourceNames.Broker(ClusterName, coordinator ?? 0))
            .FirstOrDefault(t => t.ServiceName == ResourceNames.Broker(ClusterName, coordinator ?? 0));
        if (coordinator is null || task is null)
        {
            return;
        }

        var stopped = _random.Next(2) == 0
            ? _aws.Ecs.StopTask(task.Cluster, task.Task.TaskArn, "Chaos: coordinator stopped")
            : _aws.Ecs.ExitTask(task.Cluster, task.Task.TaskArn, exitCode: 137);
        _coordinatorStops += stopped ? 1 : 0;
    }

    private void StopRandomBrokerTask()
    {
        var brokers = _aws.Ecs.RunningTasks().Where(t => t.ServiceName.StartsWith($"{ClusterName}-broker-", StringComparison.Ordinal)).ToList();
        if (brokers.Count == 0)
        {
            return;
        }

        var victim = brokers[_random.Next(brokers.Count)];
        var stopped = _random.Next(2) == 0
            ? _aws.Ecs.StopTask(victim.Cluster, victim.Task.TaskArn, "Chaos: task stopped")
            : _aws.Ecs.ExitTask(victim.Cluster, victim.Task.TaskArn, exitCode: 137);
        _tasksStopped += stopped ? 1 : 0;
    }

    /// <summary>What differs between the account and the spec, or null when they agree.</summary>
    private string? Mismatch()
    {
        var expected = Enumerable.Range(0, _spec.ClusterSize).Select(id => ResourceNames.Broker(ClusterName, id)).ToList();
        var active = _aws.Ecs.ListServices(SoakSpec.EcsCluster)
            .Where(s => s.IsActive && s.ServiceName.StartsWith($"{ClusterName}-broker-", StringComparison.Ordinal))
            .Select(s => s.ServiceName)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (!active.SequenceEqual(expected.Order(StringComparer.Ordinal)))
        {
            return $"ECS services [{string.Join(", ", active)}]";
        }

        var running = _aws.Ecs.RunningTasks().Where(t => expected.Contains(t.ServiceName)).ToList();
        var stale = expected.Where(name => !running.Any(t => t.ServiceName == name && t.Definition.Definition.ContainerDefinitions[0].Image == _spec.Image)).ToList();
        if (stale.Count > 0)
        {
            return $"no running {_spec.Image} task for {string.Join(", ", stale)}";
        }

        var topology = _aws.Zeebe.Cluster.Inspect(ClusterName);
        var members = topology?.Brokers.Select(b => b.Id).Order().ToList() ?? [];
        if (!members.SequenceEqual(Enumerable.Range(0, _spec.ClusterSize)))
        {
            return $"Zeebe members [{string.Join(", ", members)}]";
        }

        var partitions = new PartitionScaling(_spec.PartitionCount, _spec.ReplicationFactor);
        return topology is null || topology.Partitions == partitions ? null : $"Zeebe runs {topology.Partitions}, the spec asks for {partitions}";
    }

    private void Commit(SoakSpec spec) => _aws.Specs.Put(SpecKeys.KeyFor(spec.Name), spec.ToJson());

    /// <summary>
    /// Resources that are not the soak cluster's: another operator-managed cluster's broker ("billing"), an
    /// untagged application sharing the ECS cluster, the namespace and the file system, and an untagged task
    /// definition revision in the family of the soak cluster's node 0.
    /// </summary>
    private async Task SeedForeignResourcesAsync(CancellationToken cancellationToken)
    {
        var billing = SpecParser.Parse(new SoakSpec("billing", 3, 3, 1).ToJson()).Document
            ?? throw new InvalidOperationException("The soak's foreign spec does not parse.");
        var node = new DesiredStateRenderer("us-east-1").Render(billing).Nodes[0];
        var accessPoint = await _aws.Efs.CreateAccessPointAsync(node.AccessPoint.ToRequest("seed-billing-0"), cancellationToken);
        var registry = await _aws.ServiceDiscovery.CreateServiceAsync(node.DiscoveryService.ToRequest("seed-billing-0"), cancellationToken);
        var definition = await _aws.Ecs.RegisterTaskDefinitionAsync(node.TaskDefinition.For(accessPoint.AccessPointId), cancellationToken);
        var service = node.Service.ToCreateRequest("seed-billing-0", definition.Arn, registry.Arn);
        await _aws.Ecs.CreateServiceAsync(service, cancellationToken);

        var legacyTags = new Dictionary<string, string>(StringComparer.Ordinal) { ["team"] = "legacy", [TagKeys.Name] = "legacy-app" };
        await _aws.Efs.CreateAccessPointAsync(node.AccessPoint.ToRequest("seed-legacy") with { RootPath = "/legacy/app", Tags = legacyTags }, cancellationToken);
        await _aws.ServiceDiscovery.CreateServiceAsync(node.DiscoveryService.ToRequest("seed-legacy") with { Name = "legacy-app", Tags = legacyTags }, cancellationToken);
        await _aws.Ecs.CreateServiceAsync(service with { ClientToken = "seed-legacy", ServiceName = "legacy-app", ServiceRegistries = [], Tags = legacyTags }, cancellationToken);
        await _aws.Ecs.RegisterTaskDefinitionAsync(
            node.TaskDefinition.For(accessPoint.AccessPointId) with { Family = ResourceNames.Broker(ClusterName, 0), Tags = legacyTags },
            cancellationToken);
    }

    private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    /// <summary>One operator process: the real core composed as the host does, over chaos-wrapped ports. Its memory dies with it.</summary>
    private sealed class OperatorProcess : IDisposable
    {
        private readonly ServiceProvider _services;

        public OperatorProcess(SimulatedAws aws, TimeProvider time, ChaosInjector chaos)
        {
            var services = new ServiceCollection()
                .AddSingleton(new Random(aws.Options.IdSeed))
                .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
                .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
                .AddSingleton(time)
                .AddSimulatedAws(aws, chaos);
            // The manual clock only moves between passes, so a throttling backoff would never end: retry at once, and
            // only twice, so that throttling still fails some reconciles as it can on a busy account.
            services.AddZeebeOperatorCore(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Operator:ThrottleRetryBaseDelay"] = "00:00:00",
                    ["Operator:ThrottleRetries"] = "2",
                    // One POST at a time and seeded jitter: the chaos decides per call, so calls come in a repeatable order.
                    ["Notify:MaxParallelDeliveries"] = "1",
                })
                .Build());
            _services = services.BuildServiceProvider();
            Reconciler = _services.GetRequiredService<IClusterReconciler>();
            Delivery = _services.GetRequiredService<NotificationDelivery>();
        }

        public IClusterReconciler Reconciler { get; }

        public NotificationDelivery Delivery { get; }

        public void Dispose() => _services.Dispose();
    }
}

using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Simulation.Infrastructure;

namespace ZeebeOperator.Simulation.Ecs;

/// <summary>
/// Amazon ECS in memory: clusters, services with deployments, tasks whose lifecycle follows the clock, the service
/// scheduler, task definitions. State advances lazily: every call first applies every transition due now. A create's
/// clientToken is remembered after the service is deleted: repeating it returns that service and creates nothing.
/// </summary>
public sealed class SimulatedEcs : IEcsApi
{
    private const string Service = AwsServices.Ecs;

    private readonly Lock _gate = new();
    private readonly SimulationContext _context;
    private readonly Dictionary<string, EcsClusterState> _clusters = new(StringComparer.Ordinal);
    private readonly TaskDefinitionRegistry _taskDefinitions;
    private readonly EcsScheduler _scheduler;
    private readonly ITaskRegistrar? _registrar;
    private readonly ClientTokenLedger<EcsServiceState> _clientTokens;
    private DateTimeOffset _quietUntil = DateTimeOffset.MinValue;

    /// <param name="discovery">Where services with a service registry register their running tasks; null for none.</param>
    public SimulatedEcs(SimulationContext context, ServiceDiscovery.SimulatedServiceDiscovery? discovery = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _registrar = discovery;
        _clientTokens = new ClientTokenLedger<EcsServiceState>(context.Options.ClientTokenRetention);
        _taskDefinitions = new TaskDefinitionRegistry(context.Arns);
        _scheduler = new EcsScheduler(context, _taskDefinitions, discovery);
        context.RegisterAdvancer(Advance);
    }

    /// <summary>
    /// An update started a new deployment (the service's tasks are replaced). Raised synchronously, under the
    /// simulation's lock, before any task is stopped: observers may read the simulation, not call its API.
    /// </summary>
    public event EventHandler<EcsDeploymentStarted>? DeploymentStarted;

    private DateTimeOffset Now => _context.Time.GetUtcNow();

    /// <summary>Creates a cluster (no-op when it exists) and returns its ARN.</summary>
    public string AddCluster(string name)
    {
        EcsValidation.Name("CreateCluster", "Cluster name", name);
        lock (_gate)
        {
            _quietUntil = DateTimeOffset.MinValue;
            return GetOrAddCluster(name).Arn;
        }
    }

    /// <summary>
    /// Registers an EC2 instance in a cluster as a container instance (what the ECS agent does when it starts) and
    /// returns its ARN; EC2-launch tasks are placed on the cluster's instances from then on.
    /// </summary>
    public string RegisterContainerInstance(string cluster, Core.Resources.Ec2Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.PrivateIpAddress is null)
        {
            throw new ArgumentException($"EC2 instance {instance.InstanceId} has no private address (terminated?).", nameof(instance));
        }

        lock (_gate)
        {
            var clusterState = GetOrAddCluster(Arns.LastSegment(cluster));
            var arn = _context.Arns.EcsContainerInstance(clusterState.Name, _context.Ids.ContainerInstanceId());
            clusterState.ContainerInstances.Add(new ContainerInstanceState(arn, instance.InstanceId, instance.PrivateIpAddress, clusterState.ContainerInstances.Count));
            _quietUntil = DateTimeOffset.MinValue;
            return arn;
        }
    }

    /// <summary>
    /// Whether a RUNNING task listens at <paramref name="address"/>:<paramref name="port"/>: an awsvpc task at its
    /// ENI's address on its container ports, a bridge or host task at its instance's address on its host ports.
    /// </summary>
    public bool IsListening(string address, int port)
    {
        lock (_gate)
        {
            AdvanceLocked();
            return _clusters.Values.SelectMany(c => c.Services).SelectMany(s => s.Tasks)
                .Any(t => t.IsRunning && t.Endpoints.Contains((address, port)));
        }
    }

    /// <summary>Applies every transition due now (task starts and stops, health, draining, expiry).</summary>
    public void Advance()
    {
        lock (_gate)
        {
            AdvanceLocked();
        }
    }

    /// <summary>Chaos: stops a task as ECS StopTask does (SIGTERM, STOPPED after the stop delay); the scheduler replaces it.</summary>
    /// <returns>False when no such task exists or it was already stopping.</returns>
    public bool StopTask(string cluster, string task, string reason = "Task stopped by user")
    {
        lock (_gate)
        {
            AdvanceLocked();
            if (FindTask(cluster, task) is not (var clusterState, var service, var taskState) || !taskState.IsLive)
            {
                return false;
            }

            _scheduler.Stop(taskState, Now, reason);
            _scheduler.Reconcile(clusterState, service, Now);
            _quietUntil = DateTimeOffset.MinValue;
            return true;
        }
    }

    /// <summary>Chaos: the task's essential container exits (a crash); the task is STOPPED at once and replaced.</summary>
    public bool ExitTask(string cluster, string task, int exitCode = 1)
    {
        lock (_gate)
        {
            AdvanceLocked();
            if (FindTask(cluster, task) is not (var clusterState, var service, var taskState) || !taskState.IsOccupying)
            {
                return false;
            }

            _scheduler.Exit(taskState, Now, $"Essential container in task exited (exit code {exitCode})");
            _scheduler.Reconcile(clusterState, service, Now);
            _quietUntil = DateTimeOffset.MinValue;
            return true;
        }
    }

    /// <summary>Chaos: the task's container health check fails; ECS stops it and starts a replacement.</summary>
    public bool MarkTaskUnhealthy(string cluster, string task)
    {
        lock (_gate)
        {
            AdvanceLocked();
            if (FindTask(cluster, task) is not (var clusterState, var service, var taskState) || !taskState.IsLive)
            {
                return false;
            }

            taskState.MarkUnhealthy();
            _scheduler.Reconcile(clusterState, service, Now);
            _quietUntil = DateTimeOffset.MinValue;
            return true;
        }
    }

    /// <summary>Every task of the service's current (or latest) incarnation, STOPPED ones still retained included.</summary>
    public IReadOnlyList<EcsTask> GetTasks(string cluster, string serviceName)
    {
        lock (_gate)
        {
            AdvanceLocked();
            return FindVisibleService(cluster, serviceName)?.Tasks.Select(t => t.ToSnapshot()).ToArray() ?? [];
        }
    }

    /// <summary>The most tasks the service ever had at once not yet STOPPED (1 means stop-before-start held).</summary>
    public int PeakTaskCount(string cluster, string serviceName)
    {
        lock (_gate)
        {
            AdvanceLocked();
            return FindVisibleService(cluster, serviceName)?.PeakOccupyingTasks ?? 0;
        }
    }

    /// <summary>
    /// Every RUNNING task in every cluster with its task definition, read without going through the API (no call
    /// is logged and no fault applies): what the simulated Zeebe brokers "are".
    /// </summary>
    public IReadOnlyList<RunningTask> RunningTasks() => RunningTasks(string.Empty);

    /// <summary>The running tasks of services whose name starts with <paramref name="serviceNamePrefix"/>.</summary>
    public IReadOnlyList<RunningTask> RunningTasks(string serviceNamePrefix)
    {
        lock (_gate)
        {
            AdvanceLocked();
            return _clusters.Values
                .SelectMany(cluster => cluster.Services.Where(service => service.Name.StartsWith(serviceNamePrefix, StringComparison.Ordinal)).SelectMany(service => service.Tasks
                    .Where(t => t.IsRunning)
                    .Select(t => new RunningTask(cluster.Name, service.Name, t.ToSnapshot(), _taskDefinitions.Find(t.TaskDefinitionArn)!))))
                .ToArray();
        }
    }

    /// <summary>
    /// The private addresses registered in a target group: the RUNNING tasks of every deployment that carries it (a
    /// stopping task has already left it), read without going through the API.
    /// </summary>
    public IReadOnlyList<string> TargetGroupMembers(string targetGroupArn)
    {
        lock (_gate)
        {
            AdvanceLocked();
            return _clusters.Values
                .SelectMany(c => c.Services)
                .SelectMany(s => s.Deployments.Where(d => d.LoadBalancers.Any(l => l.TargetGroupArn == targetGroupArn))
                    .SelectMany(d => s.Tasks.Where(t => t.IsLive && t.IsRunning && t.DeploymentId == d.Id)))
                .Select(t => t.PrivateIp)
                .ToArray();
        }
    }

    /// <summary>Every service of a cluster the simulation still knows, INACTIVE ones retained included.</summary>
    public IReadOnlyList<EcsService> ListServices(string cluster)
    {
        lock (_gate)
        {
            AdvanceLocked();
            return _clusters.TryGetValue(Arns.LastSegment(cluster), out var state)
                ? state.Services.Select(s => s.ToSnapshot()).ToArray()
                : [];
        }
    }

    /// <summary>Every revision of every family, INACTIVE ones included (for checks; not an API call).</summary>
    public IReadOnlyList<TaskDefinition> AllTaskDefinitions()
    {
        lock (_gate)
        {
            return _taskDefinitions.All();
        }
    }

    public IReadOnlyList<string> ClusterNames
    {
        get
        {
            lock (_gate)
            {
                return _clusters.Keys.Order(StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>ListServices: every service of the cluster that is not INACTIVE (ECS lists ACTIVE and DRAINING ones).</summary>
    public Task<IReadOnlyList<string>> ListServicesAsync(string cluster, CancellationToken cancellationToken) =>
        Invoke("ListServices", mutating: false, cancellationToken: cancellationToken, body: () =>
        {
            var clusterState = ResolveCluster("ListServices", cluster);
            return (IReadOnlyList<string>)clusterState.Services
                .Where(s => s.Status != EcsServiceStatus.Inactive)
                .Select(s => s.Arn)
                .ToArray();
        });

    public Task<IReadOnlyList<EcsService>> DescribeServicesAsync(string cluster, IReadOnlyList<string> serviceNames, CancellationToken cancellationToken) =>
        Invoke("DescribeServices", mutating: false, cancellationToken: cancellationToken, body: () =>
        {
            if (serviceNames.Count > 10)
            {
                throw EcsValidation.InvalidParameter("DescribeServices", "services can have at most 10 items.");
            }

            var clusterState = ResolveCluster("DescribeServices", cluster);
            return (IReadOnlyList<EcsService>)serviceNames
                .Select(name => clusterState.FindVisible(Arns.LastSegment(name)))
                .OfType<EcsServiceState>()
                .Distinct()
                .Select(s => s.ToSnapshot())
                .ToArray();
        });

    public Task<EcsService> CreateServiceAsync(CreateServiceRequest request, CancellationToken cancellationToken) =>
        Invoke("CreateService", mutating: true, cancellationToken: cancellationToken, body: () => CreateService(request));

    public Task<EcsService> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken cancellationToken) =>
        Invoke("UpdateService", mutating: true, cancellationToken: cancellationToken, body: () => UpdateService(request));

    Task<EcsService> IEcsApi.DeleteServiceAsync(string cluster, string serviceName, CancellationToken cancellationToken) =>
        DeleteServiceAsync(cluster, serviceName, force: true, cancellationToken);

    /// <summary>DeleteService as ECS has it: without force, a service that still wants tasks is refused.</summary>
    public Task<EcsService> DeleteServiceAsync(string cluster, string serviceName, bool force, CancellationToken cancellationToken) =>
        Invoke("DeleteService", mutating: true, cancellationToken: cancellationToken, body: () =>
        {
            var clusterState = ResolveCluster("DeleteService", cluster);
            var name = Arns.LastSegment(serviceName);
            var service = clusterState.FindVisible(name) ?? throw ServiceNotFound("DeleteService");
            if (service.Status == EcsServiceStatus.Inactive)
            {
                throw ServiceNotActive("DeleteService");
            }

            if (service.Status == EcsServiceStatus.Active)
            {
                if (!force && service.DesiredCount > 0)
                {
                    throw EcsValidation.InvalidParameter("DeleteService", "The service cannot be stopped while it is scaled above 0.");
                }

                service.Status = EcsServiceStatus.Draining;
                _scheduler.Reconcile(clusterState, service, Now);
            }

            return service.ToSnapshot();
        });

    public Task<TaskDefinition> RegisterTaskDefinitionAsync(TaskDefinitionRequest request, CancellationToken cancellationToken) =>
        Invoke("RegisterTaskDefinition", mutating: true, cancellationToken: cancellationToken, body: () =>
        {
            EcsValidation.TaskDefinition(request);
            return _taskDefinitions.Register(request);
        });

    public Task<TaskDefinition> DescribeTaskDefinitionAsync(string taskDefinition, CancellationToken cancellationToken) =>
        Invoke("DescribeTaskDefinition", mutating: false, cancellationToken: cancellationToken, body: () =>
            _taskDefinitions.Find(taskDefinition)
            ?? throw EcsValidation.Client("DescribeTaskDefinition", AwsErrorKind.NotFound, "Unable to describe task definition."));

    public Task<IReadOnlyList<string>> ListTaskDefinitionsAsync(string family, CancellationToken cancellationToken) =>
        Invoke("ListTaskDefinitions", mutating: false, cancellationToken: cancellationToken, body: () => _taskDefinitions.ListActive(family));

    public Task<TaskDefinition> DeregisterTaskDefinitionAsync(string taskDefinition, CancellationToken cancellationToken) =>
        Invoke("DeregisterTaskDefinition", mutating: true, cancellationToken: cancellationToken, body: () =>
        {
            const string Operation = "DeregisterTaskDefinition";
            if (!TaskDefinitionRegistry.NamesRevision(taskDefinition))
            {
                throw EcsValidation.Client(Operation, AwsErrorKind.InvalidParameter, "A task definition revision must be specified: family:revision or its ARN.");
            }

            var definition = _taskDefinitions.Find(taskDefinition)
                ?? throw EcsValidation.Client(Operation, AwsErrorKind.NotFound, "The specified task definition does not exist.");
            return definition.Status == TaskDefinitionRegistry.ActiveStatus
                ? _taskDefinitions.Deregister(definition.Arn)
                : throw EcsValidation.Client(Operation, AwsErrorKind.InvalidParameter, "The specified task definition is already inactive.");
        });

    public Task<IReadOnlyList<string>> ListTasksAsync(string cluster, string serviceName, CancellationToken cancellationToken) =>
        Invoke("ListTasks", mutating: false, cancellationToken: cancellationToken, body: () =>
        {
            var clusterState = ResolveCluster("ListTasks", cluster);
            var service = clusterState.FindVisible(Arns.LastSegment(serviceName)) ?? throw ServiceNotFound("ListTasks");
            return (IReadOnlyList<string>)service.Tasks.Where(t => t.IsLive).Select(t => t.Arn).ToArray();
        });

    public Task<IReadOnlyList<EcsTask>> DescribeTasksAsync(string cluster, IReadOnlyList<string> taskArns, CancellationToken cancellationToken) =>
        Invoke("DescribeTasks", mutating: false, cancellationToken: cancellationToken, body: () =>
        {
            if (taskArns.Count > 100)
            {
                throw EcsValidation.InvalidParameter("DescribeTasks", "tasks can have at most 100 items.");
            }

            var clusterState = ResolveCluster("DescribeTasks", cluster);
            return (IReadOnlyList<EcsTask>)taskArns
                .Select(arn => clusterState.FindTask(arn, out _))
                .OfType<EcsTaskState>()
                .Distinct()
                .Select(t => t.ToSnapshot())
                .ToArray();
        });

    public Task<ContainerInstancesResult> DescribeContainerInstancesAsync(string cluster, IReadOnlyList<string> containerInstances, CancellationToken cancellationToken) =>
        Invoke("DescribeContainerInstances", mutating: false, cancellationToken: cancellationToken, body: () =>
        {
            const string Operation = "DescribeContainerInstances";
            if (containerInstances.Count is 0 or > 100)
            {
                throw EcsValidation.InvalidParameter(Operation, "containerInstances must have between 1 and 100 items.");
            }

            var clusterState = ResolveCluster(Operation, cluster);
            var found = new List<ContainerInstance>();
            var failures = new List<EcsFailure>();
            foreach (var requested in containerInstances.Distinct(StringComparer.Ordinal))
            {
                if (clusterState.FindContainerInstance(requested) is { } instance)
                {
                    found.Add(new ContainerInstance(instance.Arn, instance.Ec2InstanceId, instance.Status));
                }
                else
                {
                    failures.Add(new EcsFailure(Arns.IsArn(requested) ? requested : _context.Arns.EcsContainerInstance(clusterState.Name, requested), "MISSING"));
                }
            }

            return new ContainerInstancesResult(found, failures);
        });

    public Task TagResourceAsync(string resourceArn, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        Invoke("TagResource", mutating: true, cancellationToken: cancellationToken, body: () =>
        {
            TagResource(resourceArn, tags);
            return true;
        });

    private Task<T> Invoke<T>(string operation, bool mutating, Func<T> body, CancellationToken cancellationToken) =>
        _context.InvokeAsync(Service, operation, mutating, () =>
        {
            lock (_gate)
            {
                AdvanceLocked();
                try
                {
                    return body();
                }
                finally
                {
                    if (mutating)
                    {
                        _quietUntil = DateTimeOffset.MinValue;
                    }
                }
            }
        }, cancellationToken);

    private EcsService CreateService(CreateServiceRequest request)
    {
        const string Operation = "CreateService";
        var definition = _taskDefinitions.Find(request.TaskDefinition);
        EcsValidation.Service(Operation, request, definition);
        var clusterState = ResolveCluster(Operation, request.Cluster);
        foreach (var registry in request.ServiceRegistries.Where(r => _registrar is not null && !_registrar.RegistryExists(r.RegistryArn)))
        {
            throw EcsValidation.InvalidParameter(Operation, $"The service registry {registry.RegistryArn} does not exist.");
        }

        var now = Now;
        var parameters = ClientTokenLedger<EcsServiceState>.Parameters(request with { ClientToken = string.Empty });
        if (request.ClientToken.Length > 0
            && _clientTokens.Recall(request.ClientToken, parameters, now, _ => EcsValidation.InvalidParameter(Operation, "Creation of service was not idempotent.")) is { } earlier)
        {
            // ECS answers a repeated token with the service it created then, even one deleted since: nothing is created.
            return earlier.ToSnapshot();
        }

        var existing = clusterState.FindCurrent(request.ServiceName);
        if (existing is not null)
        {
            throw existing.Status == EcsServiceStatus.Draining
                ? EcsValidation.InvalidParameter(Operation, "Unable to Start a service that is still Draining.")
                : EcsValidation.InvalidParameter(Operation, "Creation of service was not idempotent.");
        }

        var service = new EcsServiceState(
            _context.Arns.EcsService(clusterState.Name, request.ServiceName),
            request.ServiceName,
            clusterState.Arn,
            now)
        {
            TaskDefinitionArn = definition!.Arn,
            DesiredCount = request.DesiredCount,
            LaunchType = request.CapacityProviderStrategy.Count > 0 ? null : request.LaunchType ?? "EC2",
            CapacityProviderStrategy = Frozen.List(request.CapacityProviderStrategy),
            NetworkConfiguration = Freeze(request.NetworkConfiguration),
            DeploymentConfiguration = request.DeploymentConfiguration,
            ServiceRegistries = Frozen.List(request.ServiceRegistries),
            LoadBalancers = Frozen.List(request.LoadBalancers),
            HealthCheckGracePeriodSeconds = request.HealthCheckGracePeriodSeconds,
        };
        foreach (var (key, value) in request.Tags)
        {
            service.Tags[key] = value;
        }

        var deployment = new EcsDeploymentState(_context.Ids.DeploymentId(), definition.Arn, now) { LoadBalancers = service.LoadBalancers };
        service.Deployments.Add(deployment);
        clusterState.Services.Add(service);
        _scheduler.AnnounceDeployment(service, deployment, now);
        if (request.ClientToken.Length > 0)
        {
            _clientTokens.Remember(request.ClientToken, parameters, service, now);
        }

        _scheduler.Reconcile(clusterState, service, now);
        return service.ToSnapshot();
    }

    private EcsService UpdateService(UpdateServiceRequest request)
    {
        const string Operation = "UpdateService";
        var clusterState = ResolveCluster(Operation, request.Cluster);
        var service = clusterState.FindVisible(Arns.LastSegment(request.Service)) ?? throw ServiceNotFound(Operation);
        if (!service.IsActive)
        {
            throw ServiceNotActive(Operation);
        }

        var definition = request.TaskDefinition is null
            ? _taskDefinitions.Find(service.TaskDefinitionArn)!
            : EcsValidation.ActiveDefinition(Operation, _taskDefinitions.Find(request.TaskDefinition));
        if (request.DesiredCount is { } desired)
        {
            EcsValidation.DesiredCount(Operation, desired);
        }

        EcsValidation.NetworkConfiguration(Operation, definition, request.NetworkConfiguration ?? service.NetworkConfiguration);
        if (request.DeploymentConfiguration is not null)
        {
            EcsValidation.Deployment(Operation, request.DeploymentConfiguration);
        }

        if (request.ServiceRegistries is not null)
        {
            EcsValidation.Registries(Operation, request.ServiceRegistries);
        }

        var loadBalancers = request.LoadBalancers ?? service.LoadBalancers;
        var gracePeriod = request.HealthCheckGracePeriodSeconds ?? (loadBalancers.Count == 0 ? null : service.HealthCheckGracePeriodSeconds);
        EcsValidation.LoadBalancers(Operation, definition, loadBalancers, request.HealthCheckGracePeriodSeconds);

        var newDeployment = request.ForceNewDeployment
            || definition.Arn != service.TaskDefinitionArn
            || (request.NetworkConfiguration is not null && !SameNetwork(request.NetworkConfiguration, service.NetworkConfiguration))
            || (request.ServiceRegistries is not null && !request.ServiceRegistries.SequenceEqual(service.ServiceRegistries))
            || (request.LoadBalancers is not null && !request.LoadBalancers.ToHashSet().SetEquals(service.LoadBalancers))
            || (request.CapacityProviderStrategy is not null && !request.CapacityProviderStrategy.SequenceEqual(service.CapacityProviderStrategy));

        if (newDeployment)
        {
            DeploymentStarted?.Invoke(this, new EcsDeploymentStarted(
                service.ClusterArn,
                service.Name,
                new Dictionary<string, string>(service.Tags, StringComparer.Ordinal),
                [.. service.Tasks.Where(t => t.IsLive && t.IsRunning).Select(t => t.Arn)],
                Now));
        }

        service.TaskDefinitionArn = definition.Arn;
        service.DesiredCount = request.DesiredCount ?? service.DesiredCount;
        service.NetworkConfiguration = request.NetworkConfiguration is null ? service.NetworkConfiguration : Freeze(request.NetworkConfiguration);
        service.DeploymentConfiguration = request.DeploymentConfiguration ?? service.DeploymentConfiguration;
        service.ServiceRegistries = request.ServiceRegistries is null ? service.ServiceRegistries : Frozen.List(request.ServiceRegistries);
        service.LoadBalancers = Frozen.List(loadBalancers);
        service.HealthCheckGracePeriodSeconds = gracePeriod;
        if (request.CapacityProviderStrategy is { Count: > 0 })
        {
            service.CapacityProviderStrategy = Frozen.List(request.CapacityProviderStrategy);
            service.LaunchType = null;
        }

        if (newDeployment)
        {
            // Like a new revision, new load balancers are a new deployment: the task is replaced (ECS cannot change the
            // target groups of a running task).
            var deployment = new EcsDeploymentState(_context.Ids.DeploymentId(), definition.Arn, Now) { LoadBalancers = service.LoadBalancers };
            service.Deployments.Insert(0, deployment);
            _scheduler.AnnounceDeployment(service, deployment, Now);
        }

        _scheduler.Reconcile(clusterState, service, Now);
        return service.ToSnapshot();
    }

    private void TagResource(string resourceArn, IReadOnlyDictionary<string, string> tags)
    {
        const string Operation = "TagResource";
        var resource = Arns.IsArn(resourceArn) ? Arns.Resource(resourceArn) : string.Empty;
        Dictionary<string, string>? target = null;
        if (resource.StartsWith("task-definition/", StringComparison.Ordinal))
        {
            EcsValidation.Tags(Operation, tags, _taskDefinitions.TagCount(resourceArn));
            if (_taskDefinitions.TryTag(resourceArn, tags))
            {
                return;
            }
        }
        else if (resource.StartsWith("service/", StringComparison.Ordinal))
        {
            target = _clusters.Values.SelectMany(c => c.Services).LastOrDefault(s => s.Arn == resourceArn && s.IsActive)?.Tags;
        }
        else if (resource.StartsWith("cluster/", StringComparison.Ordinal))
        {
            target = _clusters.Values.FirstOrDefault(c => c.Arn == resourceArn)?.Tags;
        }

        if (target is null)
        {
            throw AwsErrors.Create(Service, Operation, AwsErrorKind.NotFound, "ResourceNotFoundException", "The specified resource could not be found.");
        }

        EcsValidation.Tags(Operation, tags, tags.Keys.Count(k => !target.ContainsKey(k)) + target.Count - tags.Count);
        foreach (var (key, value) in tags)
        {
            target[key] = value;
        }
    }

    /// <summary>
    /// Applies what is due. A pass over every service is skipped until the earliest transition it found is due,
    /// unless something changed since (every mutating call and chaos helper resets it): with thousands of
    /// services, a pass per call would make the simulation, not the operator, the bottleneck.
    /// </summary>
    private void AdvanceLocked()
    {
        var now = Now;
        if (now < _quietUntil)
        {
            return;
        }

        var next = DateTimeOffset.MaxValue;
        foreach (var cluster in _clusters.Values)
        {
            foreach (var service in cluster.Services.ToArray())
            {
                _scheduler.Advance(cluster, service, now);
                if (service.InactiveAt is { } inactiveAt)
                {
                    var expires = inactiveAt + _context.Options.InactiveServiceRetention;
                    if (expires <= now)
                    {
                        cluster.Services.Remove(service);
                        continue;
                    }

                    next = expires < next ? expires : next;
                }

                if (_scheduler.NextDueAt(service) is { } due && due < next)
                {
                    next = due;
                }
            }
        }

        _quietUntil = next;
    }

    private EcsClusterState ResolveCluster(string operation, string cluster)
    {
        var name = string.IsNullOrEmpty(cluster) ? "default" : Arns.LastSegment(cluster);
        if (_clusters.TryGetValue(name, out var state))
        {
            return state;
        }

        if (!_context.Options.AutoCreateInfrastructure)
        {
            throw AwsErrors.Create(Service, operation, AwsErrorKind.NotFound, "ClusterNotFoundException", "Cluster not found.");
        }

        EcsValidation.Name(operation, "Cluster name", name);
        return GetOrAddCluster(name);
    }

    private EcsClusterState GetOrAddCluster(string name)
    {
        if (!_clusters.TryGetValue(name, out var state))
        {
            state = new EcsClusterState(name, _context.Arns.EcsCluster(name));
            _clusters[name] = state;
        }

        return state;
    }

    private EcsServiceState? FindVisibleService(string cluster, string serviceName) =>
        _clusters.TryGetValue(Arns.LastSegment(cluster), out var state) ? state.FindVisible(Arns.LastSegment(serviceName)) : null;

    private (EcsClusterState Cluster, EcsServiceState Service, EcsTaskState Task)? FindTask(string cluster, string task)
    {
        if (!_clusters.TryGetValue(Arns.LastSegment(cluster), out var state))
        {
            return null;
        }

        var found = state.FindTask(task, out var owner);
        return found is null ? null : (state, owner!, found);
    }

    private static AwsVpcConfiguration Freeze(AwsVpcConfiguration network) =>
        network with { Subnets = Frozen.List(network.Subnets), SecurityGroups = Frozen.List(network.SecurityGroups) };

    private static bool SameNetwork(AwsVpcConfiguration a, AwsVpcConfiguration? b) =>
        b is not null && a.AssignPublicIp == b.AssignPublicIp && a.Subnets.SequenceEqual(b.Subnets) && a.SecurityGroups.SequenceEqual(b.SecurityGroups);

    private static AwsApiException ServiceNotFound(string operation) =>
        AwsErrors.Create(Service, operation, AwsErrorKind.NotFound, "ServiceNotFoundException", "Service not found.");

    private static AwsApiException ServiceNotActive(string operation) =>
        AwsErrors.Create(Service, operation, AwsErrorKind.Conflict, "ServiceNotActiveException", "Service was not ACTIVE.");
}

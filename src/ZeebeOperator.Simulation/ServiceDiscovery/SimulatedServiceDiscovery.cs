using System.Text.RegularExpressions;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Simulation.Ecs;
using ZeebeOperator.Simulation.Infrastructure;

namespace ZeebeOperator.Simulation.ServiceDiscovery;

/// <summary>
/// AWS Cloud Map in memory: namespaces, services (CreatorRequestId idempotency, remembered after the service is deleted;
/// names unique per namespace) and the instances ECS registers for running tasks, with DNS resolution of
/// <c>{service}.{namespace}</c>.
/// </summary>
public sealed partial class SimulatedServiceDiscovery : IServiceDiscoveryApi, ITaskRegistrar
{
    private const string Service = AwsServices.ServiceDiscovery;
    private const int MaxTags = 50;

    private readonly Lock _gate = new();
    private readonly SimulationContext _context;
    private readonly Dictionary<string, DiscoveryNamespaceState> _namespaces = new(StringComparer.Ordinal);
    private readonly List<DiscoveryServiceState> _services = [];
    private readonly ClientTokenLedger<DiscoveryService> _creatorRequestIds;
    private readonly List<PendingOperation> _operations = [];

    public SimulatedServiceDiscovery(SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _creatorRequestIds = new ClientTokenLedger<DiscoveryService>(context.Options.ClientTokenRetention);
        context.RegisterAdvancer(Advance);
    }

    /// <summary>Completes every RegisterInstance and DeregisterInstance operation that is due now (in the order submitted).</summary>
    public void Advance()
    {
        lock (_gate)
        {
            var now = _context.Time.GetUtcNow();
            foreach (var pending in _operations.Where(o => !o.Operation.IsDone))
            {
                if (now - pending.Operation.CreateDate >= _context.Options.DiscoveryOperationDelay)
                {
                    Complete(pending, now);
                }
                else if (now > pending.Operation.CreateDate && pending.Operation.Status == DiscoveryOperation.Submitted)
                {
                    pending.Operation = pending.Operation with { Status = DiscoveryOperation.Pending, UpdateDate = now };
                }
            }
        }
    }

    /// <summary>GetOperation: how far a RegisterInstance or DeregisterInstance got. Throws NotFound (OperationNotFound) for an unknown id.</summary>
    public Task<DiscoveryOperation> GetOperationAsync(string operationId, CancellationToken cancellationToken) =>
        Invoke("GetOperation", mutating: false, cancellationToken: cancellationToken, body: () =>
            _operations.FirstOrDefault(o => o.Operation.Id == operationId)?.Operation
                ?? throw AwsErrors.Create(Service, "GetOperation", AwsErrorKind.NotFound, "OperationNotFound", $"Operation {operationId} not found."));

    /// <summary>Creates a namespace, or names one that was created on demand.</summary>
    public void AddNamespace(string id, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_gate)
        {
            if (_namespaces.TryGetValue(id, out var existing))
            {
                existing.Name = name;
            }
            else
            {
                _namespaces[id] = new DiscoveryNamespaceState(id, name);
            }
        }
    }

    /// <summary>Every service of every namespace with its tags, read without going through the API (no call is logged, no fault applies).</summary>
    public IReadOnlyList<(DiscoveryService Service, IReadOnlyDictionary<string, string> Tags)> AllServices()
    {
        lock (_gate)
        {
            return _services
                .Select(s => (s.Service, (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(s.Tags, StringComparer.Ordinal)))
                .ToArray();
        }
    }

    /// <summary>The instances registered with a service (by id or ARN), in registration order; empty for an unknown service.</summary>
    public IReadOnlyList<DiscoveryInstance> ListInstances(string serviceId)
    {
        _context.Advance();
        lock (_gate)
        {
            return FindService(serviceId)?.Instances.ToArray() ?? [];
        }
    }

    /// <summary>
    /// Resolves <c>{service}.{namespace}</c> to the IPv4 addresses of the registered instances (empty when the name does
    /// not exist or nothing is registered). A namespace created on demand has no known name, so its services resolve by
    /// their first label alone.
    /// </summary>
    public IReadOnlyList<string> ResolveDns(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _context.Advance();
        var fqdn = name.TrimEnd('.');
        lock (_gate)
        {
            var service = _services.FirstOrDefault(s => Matches(s, fqdn));
            return service?.Instances.Select(i => i.Ipv4).OfType<string>().ToArray() ?? [];
        }
    }

    public Task<IReadOnlyList<DiscoveryService>> ListServicesAsync(string namespaceId, CancellationToken cancellationToken) =>
        Invoke("ListServices", mutating: false, cancellationToken: cancellationToken, body: () =>
            (IReadOnlyList<DiscoveryService>)_services.Where(s => s.Service.NamespaceId == namespaceId).Select(s => s.Service).ToArray());

    public Task<DiscoveryService> CreateServiceAsync(CreateDiscoveryServiceRequest request, CancellationToken cancellationToken) =>
        Invoke("CreateService", mutating: true, cancellationToken: cancellationToken, body: () => CreateService(request));

    public Task<DiscoveryService> GetServiceAsync(string serviceId, CancellationToken cancellationToken) =>
        Invoke("GetService", mutating: false, cancellationToken: cancellationToken, body: () =>
            (FindService(serviceId) ?? throw ServiceNotFound("GetService", serviceId)).Service);

    public Task DeleteServiceAsync(string serviceId, CancellationToken cancellationToken) =>
        Invoke("DeleteService", mutating: true, cancellationToken: cancellationToken, body: () =>
        {
            var service = FindService(serviceId) ?? throw ServiceNotFound("DeleteService", serviceId);
            if (service.Instances.Count > 0)
            {
                throw AwsErrors.Create(Service, "DeleteService", AwsErrorKind.Conflict, "ResourceInUse", $"Service {service.Service.Id} has {service.Instances.Count} registered instances.");
            }

            _services.Remove(service);
            return true;
        });

    public Task<IReadOnlyList<ServiceInstance>> ListInstancesAsync(string serviceId, CancellationToken cancellationToken) =>
        Invoke("ListInstances", mutating: false, cancellationToken: cancellationToken, body: () =>
            (IReadOnlyList<ServiceInstance>)(FindService(serviceId) ?? throw ServiceNotFound("ListInstances", serviceId)).Instances
                .Select(i => new ServiceInstance(i.InstanceId, i.Attributes))
                .ToArray());

    /// <summary>
    /// RegisterInstance as Cloud Map has it: an operation id back; the instance created, or its attributes replaced when
    /// the id exists. An A-record service needs a valid AWS_INSTANCE_IPV4. As in Cloud Map, the change is asynchronous:
    /// it shows in ListInstances and DNS only once the operation completes, <see cref="SimulationOptions.DiscoveryOperationDelay"/>
    /// later (resolvers then cache it for the record's TTL).
    /// </summary>
    public Task<string> RegisterInstanceAsync(RegisterInstanceRequest request, CancellationToken cancellationToken) =>
        Invoke("RegisterInstance", mutating: true, cancellationToken: cancellationToken, body: () =>
        {
            const string Operation = "RegisterInstance";
            var service = FindService(request.ServiceId) ?? throw ServiceNotFound(Operation, request.ServiceId);
            if (!InstanceIdPattern().IsMatch(request.InstanceId))
            {
                throw InvalidInput(Operation, $"InstanceId '{request.InstanceId}' must be 1 to 64 characters of letters, digits and _/:.@-.");
            }

            if (request.CreatorRequestId.Length > 64)
            {
                throw InvalidInput(Operation, "CreatorRequestId can have at most 64 characters.");
            }

            if (request.Attributes.Count is 0 or > 30)
            {
                throw InvalidInput(Operation, "Attributes must have 1 to 30 entries.");
            }

            if (!request.Attributes.TryGetValue(DiscoveryInstance.Ipv4Attribute, out var ip) || !System.Net.IPAddress.TryParse(ip, out var address)
                || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            {
                throw InvalidInput(Operation, $"The service has an A record: {DiscoveryInstance.Ipv4Attribute} must be an IPv4 address.");
            }

            return Submit(DiscoveryOperation.RegisterInstance, service, request.InstanceId, new DiscoveryInstance(request.InstanceId, service.Service.Id, Frozen.Map(request.Attributes)));
        });

    public Task<string> DeregisterInstanceAsync(string serviceId, string instanceId, CancellationToken cancellationToken) =>
        Invoke("DeregisterInstance", mutating: true, cancellationToken: cancellationToken, body: () =>
        {
            const string Operation = "DeregisterInstance";
            var service = FindService(serviceId) ?? throw ServiceNotFound(Operation, serviceId);
            if (!service.Instances.Any(i => i.InstanceId == instanceId))
            {
                throw AwsErrors.Create(Service, Operation, AwsErrorKind.NotFound, "InstanceNotFound", $"Instance {instanceId} not found.");
            }

            return Submit(DiscoveryOperation.DeregisterInstance, service, instanceId, instance: null);
        });

    public Task<IReadOnlyDictionary<string, string>> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken) =>
        Invoke("ListTagsForResource", mutating: false, cancellationToken: cancellationToken, body: () =>
            Frozen.Map(FindByArn("ListTagsForResource", resourceArn).Tags));

    public Task TagResourceAsync(string resourceArn, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        Invoke("TagResource", mutating: true, cancellationToken: cancellationToken, body: () =>
        {
            var service = FindByArn("TagResource", resourceArn);
            ValidateTags("TagResource", tags, service.Tags);
            foreach (var (key, value) in tags)
            {
                service.Tags[key] = value;
            }

            return true;
        });

    bool ITaskRegistrar.RegistryExists(string registryArn)
    {
        lock (_gate)
        {
            return FindService(registryArn) is not null;
        }
    }

    void ITaskRegistrar.Register(string registryArn, string instanceId, string ipv4)
    {
        lock (_gate)
        {
            var service = FindService(registryArn);
            if (service is null || service.Instances.Any(i => i.InstanceId == instanceId))
            {
                return;
            }

            service.Instances.Add(new DiscoveryInstance(
                instanceId,
                service.Service.Id,
                Frozen.Map([new(DiscoveryInstance.Ipv4Attribute, ipv4)])));
        }
    }

    void ITaskRegistrar.Deregister(string registryArn, string instanceId)
    {
        lock (_gate)
        {
            FindService(registryArn)?.Instances.RemoveAll(i => i.InstanceId == instanceId);
        }
    }

    /// <summary>Records the operation (SUBMITTED) and returns its id; it takes effect when <see cref="Advance"/> finds it due.</summary>
    private string Submit(string type, DiscoveryServiceState service, string instanceId, DiscoveryInstance? instance)
    {
        var now = _context.Time.GetUtcNow();
        var targets = Frozen.Map([new("SERVICE", service.Service.Id), new("INSTANCE", instanceId)]);
        var pending = new PendingOperation(new DiscoveryOperation(_context.Ids.DiscoveryOperationId(), type, DiscoveryOperation.Submitted, targets, now, now), service, instanceId, instance);
        _operations.Add(pending);
        if (_context.Options.DiscoveryOperationDelay <= TimeSpan.Zero)
        {
            Complete(pending, now);
        }

        return pending.Operation.Id;
    }

    private void Complete(PendingOperation pending, DateTimeOffset now)
    {
        var service = pending.Service;
        string? error = null;
        if (!_services.Contains(service))
        {
            error = $"Service {service.Service.Id} not found.";
        }
        else if (pending.Instance is { } instance)
        {
            service.Instances.RemoveAll(i => i.InstanceId == instance.InstanceId);
            service.Instances.Add(instance);
        }
        else if (service.Instances.RemoveAll(i => i.InstanceId == pending.InstanceId) == 0)
        {
            error = $"Instance {pending.InstanceId} not found.";
        }

        pending.Operation = pending.Operation with
        {
            Status = error is null ? DiscoveryOperation.Success : DiscoveryOperation.Fail,
            UpdateDate = now,
            ErrorCode = error is null ? null : "ResourceNotFound",
            ErrorMessage = error,
        };
    }

    private Task<T> Invoke<T>(string operation, bool mutating, Func<T> body, CancellationToken cancellationToken) =>
        _context.InvokeAsync(Service, operation, mutating, () =>
        {
            lock (_gate)
            {
                return body();
            }
        }, cancellationToken);

    private DiscoveryService CreateService(CreateDiscoveryServiceRequest request)
    {
        const string Operation = "CreateService";
        Validate(request);
        var ns = ResolveNamespace(request.NamespaceId);
        var now = _context.Time.GetUtcNow();
        var parameters = ClientTokenLedger<DiscoveryService>.Parameters(request with { CreatorRequestId = string.Empty, NamespaceId = ns.Id });
        if (request.CreatorRequestId.Length > 0
            && _creatorRequestIds.Recall(request.CreatorRequestId, parameters, now, earlier =>
                AwsErrors.Create(Service, Operation, AwsErrorKind.AlreadyExists, "ServiceAlreadyExists", $"CreatorRequestId {request.CreatorRequestId} was already used, with other parameters, for service {earlier.Id}.")) is { } earlier)
        {
            // The service that request created, even if it was deleted since: nothing is created.
            return earlier;
        }

        if (_services.FirstOrDefault(s => s.Service.NamespaceId == ns.Id && string.Equals(s.Service.Name, request.Name, StringComparison.OrdinalIgnoreCase)) is { } taken)
        {
            throw AwsErrors.Create(Service, Operation, AwsErrorKind.AlreadyExists, "ServiceAlreadyExists", $"Service already exists. ServiceId: {taken.Service.Id}");
        }

        var id = _context.Ids.DiscoveryServiceId();
        var service = new DiscoveryServiceState(
            new DiscoveryService(id, _context.Arns.DiscoveryService(id), request.Name, ns.Id, request.DnsTtlSeconds, request.Description));
        foreach (var (key, value) in request.Tags)
        {
            service.Tags[key] = value;
        }

        _services.Add(service);
        if (request.CreatorRequestId.Length > 0)
        {
            _creatorRequestIds.Remember(request.CreatorRequestId, parameters, service.Service, now);
        }

        return service.Service;
    }

    private static void Validate(CreateDiscoveryServiceRequest request)
    {
        const string Operation = "CreateService";
        if (!ServiceNamePattern().IsMatch(request.Name))
        {
            throw InvalidInput(Operation, $"Name '{request.Name}' is not a valid DNS label.");
        }

        if (request.CreatorRequestId.Length > 64)
        {
            throw InvalidInput(Operation, "CreatorRequestId can have at most 64 characters.");
        }

        if (request.DnsTtlSeconds < 0)
        {
            throw InvalidInput(Operation, "TTL must be between 0 and 2147483647.");
        }

        if (request.Description.Length > 1024)
        {
            throw InvalidInput(Operation, "Description can have at most 1024 characters.");
        }

        ValidateTags(Operation, request.Tags, new Dictionary<string, string>());
    }

    private static void ValidateTags(string operation, IReadOnlyDictionary<string, string> tags, Dictionary<string, string> existing)
    {
        if (existing.Count + tags.Keys.Count(k => !existing.ContainsKey(k)) > MaxTags)
        {
            throw AwsErrors.Create(Service, operation, AwsErrorKind.InvalidParameter, "TooManyTagsException", $"A resource can have at most {MaxTags} tags.");
        }
    }

    private DiscoveryNamespaceState ResolveNamespace(string namespaceId)
    {
        if (_namespaces.TryGetValue(namespaceId, out var ns))
        {
            return ns;
        }

        if (!_context.Options.AutoCreateInfrastructure)
        {
            throw AwsErrors.Create(Service, "CreateService", AwsErrorKind.NotFound, "NamespaceNotFound", $"Namespace {namespaceId} not found.");
        }

        ns = new DiscoveryNamespaceState(namespaceId, null);
        _namespaces[namespaceId] = ns;
        return ns;
    }

    private DiscoveryServiceState? FindService(string idOrArn)
    {
        var id = Arns.LastSegment(idOrArn);
        return _services.FirstOrDefault(s => s.Service.Id == id);
    }

    private DiscoveryServiceState FindByArn(string operation, string arn) =>
        _services.FirstOrDefault(s => s.Service.Arn == arn)
        ?? throw AwsErrors.Create(Service, operation, AwsErrorKind.NotFound, "ResourceNotFoundException", $"Resource {arn} not found.");

    private bool Matches(DiscoveryServiceState service, string fqdn)
    {
        var name = service.Service.Name;
        var nsName = _namespaces.TryGetValue(service.Service.NamespaceId, out var ns) ? ns.Name : null;
        return nsName is null
            ? string.Equals(fqdn, name, StringComparison.OrdinalIgnoreCase)
              || fqdn.StartsWith(name + ".", StringComparison.OrdinalIgnoreCase)
            : string.Equals(fqdn, $"{name}.{nsName}", StringComparison.OrdinalIgnoreCase);
    }

    private static AwsApiException ServiceNotFound(string operation, string id) =>
        AwsErrors.Create(Service, operation, AwsErrorKind.NotFound, "ServiceNotFound", $"Service {id} not found.");

    private static AwsApiException InvalidInput(string operation, string message) =>
        AwsErrors.Create(Service, operation, AwsErrorKind.InvalidParameter, "InvalidInput", message);

    /// <summary>A RegisterInstance or DeregisterInstance under way, with what it will do; guarded by the lock.</summary>
    private sealed class PendingOperation(DiscoveryOperation operation, DiscoveryServiceState service, string instanceId, DiscoveryInstance? instance)
    {
        public DiscoveryOperation Operation { get; set; } = operation;

        public DiscoveryServiceState Service { get; } = service;

        public string InstanceId { get; } = instanceId;

        public DiscoveryInstance? Instance { get; } = instance;
    }

    [GeneratedRegex(@"^[0-9a-zA-Z_/:.@-]{1,64}$")]
    private static partial Regex InstanceIdPattern();

    [GeneratedRegex(@"^(?=.{1,127}$)([a-zA-Z0-9_][a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_]|[a-zA-Z0-9])(\.([a-zA-Z0-9_][a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_]|[a-zA-Z0-9]))*$")]
    private static partial Regex ServiceNamePattern();
}

using System.Text.RegularExpressions;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Simulation.Infrastructure;

namespace ZeebeOperator.Simulation.Ecs;

/// <summary>The request checks ECS makes that matter to the operator, with ECS's error codes and messages.</summary>
internal static partial class EcsValidation
{
    public const int MaxTags = 50;

    private static readonly Dictionary<int, int[]> FargateMemoryByCpu = new()
    {
        [256] = [512, 1024, 2048],
        [512] = Range(1024, 4096, 1024),
        [1024] = Range(2048, 8192, 1024),
        [2048] = Range(4096, 16384, 1024),
        [4096] = Range(8192, 30720, 1024),
        [8192] = Range(16384, 61440, 4096),
        [16384] = Range(32768, 122880, 8192),
    };

    public static AwsApiException InvalidParameter(string operation, string message) =>
        AwsErrors.Create(AwsServices.Ecs, operation, AwsErrorKind.InvalidParameter, "InvalidParameterException", message);

    public static AwsApiException Client(string operation, AwsErrorKind kind, string message) =>
        AwsErrors.Create(AwsServices.Ecs, operation, kind, "ClientException", message);

    public static void Name(string operation, string what, string value)
    {
        if (!NamePattern().IsMatch(value))
        {
            throw InvalidParameter(operation, $"{what} can have at most 255 characters, and only letters (uppercase and lowercase), numbers, underscores and hyphens are allowed.");
        }
    }

    public static void Tags(string operation, IReadOnlyDictionary<string, string> tags, int existing = 0)
    {
        if (existing + tags.Count > MaxTags)
        {
            throw InvalidParameter(operation, $"A resource can have at most {MaxTags} tags.");
        }

        foreach (var (key, value) in tags)
        {
            if (key.Length is 0 or > 128 || value.Length > 256)
            {
                throw InvalidParameter(operation, "Tag keys must be 1-128 characters and values at most 256 characters.");
            }

            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw InvalidParameter(operation, "Tag keys with the aws: prefix are reserved.");
            }
        }
    }

    public static void TaskDefinition(TaskDefinitionRequest request)
    {
        const string Operation = "RegisterTaskDefinition";
        Name(Operation, "Family", request.Family);
        if (request.ContainerDefinitions.Count == 0)
        {
            throw Client(Operation, AwsErrorKind.InvalidParameter, "Container list cannot be empty.");
        }

        if (request.NetworkMode is not ("awsvpc" or "bridge" or "host" or "none"))
        {
            throw Client(Operation, AwsErrorKind.InvalidParameter, $"Invalid network mode: {request.NetworkMode}.");
        }

        var volumeNames = request.Volumes.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var container in request.ContainerDefinitions)
        {
            Name(Operation, "Container name", container.Name);
            if (string.IsNullOrWhiteSpace(container.Image))
            {
                throw Client(Operation, AwsErrorKind.InvalidParameter, "Container.image should not be null or empty.");
            }

            if (container.MountPoints.FirstOrDefault(m => !volumeNames.Contains(m.SourceVolume)) is { } mount)
            {
                throw Client(Operation, AwsErrorKind.InvalidParameter, $"Invalid 'sourceVolume' in mount point: {mount.SourceVolume}.");
            }

            Secrets(Operation, request, container.Secrets ?? []);
            HostPorts(Operation, request.NetworkMode, container.PortMappings);
        }

        RuntimePlatform(Operation, request.RuntimePlatform);

        if (request.ContainerDefinitions.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count() != request.ContainerDefinitions.Count)
        {
            throw Client(Operation, AwsErrorKind.InvalidParameter, "Container names must be unique.");
        }

        if (request.RequiresCompatibilities.Contains("FARGATE"))
        {
            Fargate(request);
        }

        Tags(Operation, request.Tags);
    }

    /// <summary>Only bridge mode publishes a container port on another host port; 0 or none there means a dynamic one.</summary>
    private static void HostPorts(string operation, string networkMode, IReadOnlyList<PortMapping> mappings)
    {
        foreach (var mapping in mappings)
        {
            if (mapping.ContainerPort is < 1 or > 65535 || mapping.HostPort is < 0 or > 65535)
            {
                throw Client(operation, AwsErrorKind.InvalidParameter, "Invalid port mapping: ports must be from 1 to 65535 (hostPort 0 for a dynamic port).");
            }

            if (networkMode is "awsvpc" or "host" && mapping.HostPort is { } hostPort && hostPort != mapping.ContainerPort)
            {
                throw Client(operation, AwsErrorKind.InvalidParameter, $"When networkMode={networkMode}, the host ports and container ports in port mappings must match.");
            }
        }
    }

    /// <summary>ECS fetches secrets with the task execution role, so a definition with secrets must name one.</summary>
    private static void Secrets(string operation, TaskDefinitionRequest request, IReadOnlyList<ContainerSecret> secrets)
    {
        if (secrets.Count == 0)
        {
            return;
        }

        if (string.IsNullOrEmpty(request.ExecutionRoleArn))
        {
            throw Client(operation, AwsErrorKind.InvalidParameter, "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'.");
        }

        if (secrets.FirstOrDefault(s => string.IsNullOrEmpty(s.Name) || string.IsNullOrEmpty(s.ValueFrom)) is not null)
        {
            throw Client(operation, AwsErrorKind.InvalidParameter, "Secret name and valueFrom are required.");
        }
    }

    private static void RuntimePlatform(string operation, RuntimePlatform? platform)
    {
        if (platform is null)
        {
            return;
        }

        if (platform.CpuArchitecture is not ("X86_64" or "ARM64"))
        {
            throw InvalidParameter(operation, $"Invalid cpuArchitecture: {platform.CpuArchitecture}. Valid values are X86_64 and ARM64.");
        }

        if (platform.OperatingSystemFamily is not (Core.Resources.RuntimePlatform.Linux or "WINDOWS_SERVER_2019_FULL" or "WINDOWS_SERVER_2019_CORE"
            or "WINDOWS_SERVER_2016_FULL" or "WINDOWS_SERVER_2004_CORE" or "WINDOWS_SERVER_2022_CORE" or "WINDOWS_SERVER_2022_FULL"
            or "WINDOWS_SERVER_2025_CORE" or "WINDOWS_SERVER_2025_FULL" or "WINDOWS_SERVER_20H2_CORE"))
        {
            throw InvalidParameter(operation, $"Invalid operatingSystemFamily: {platform.OperatingSystemFamily}.");
        }

        if (platform.OperatingSystemFamily != Core.Resources.RuntimePlatform.Linux && platform.CpuArchitecture == "ARM64")
        {
            throw InvalidParameter(operation, "Windows containers support only the X86_64 cpuArchitecture.");
        }
    }

    public static void Service(string operation, CreateServiceRequest request, TaskDefinition? definition)
    {
        Name(operation, "Service name", request.ServiceName);
        if (request.ClientToken.Length > 36 || request.ClientToken.Any(c => c is < ' ' or > '~'))
        {
            throw InvalidParameter(operation, "clientToken can have at most 36 printable ASCII characters.");
        }

        DesiredCount(operation, request.DesiredCount);
        if (request.LaunchType is not null && request.CapacityProviderStrategy.Count > 0)
        {
            throw InvalidParameter(operation, "Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.");
        }

        if (request.LaunchType is not (null or "FARGATE" or "EC2" or "EXTERNAL"))
        {
            throw InvalidParameter(operation, $"Invalid launch type: {request.LaunchType}.");
        }

        var active = ActiveDefinition(operation, definition);
        if (request.LaunchType == "FARGATE" && !active.Definition.RequiresCompatibilities.Contains("FARGATE"))
        {
            throw InvalidParameter(operation, "Task definition does not support launch_type FARGATE.");
        }

        NetworkConfiguration(operation, active, request.NetworkConfiguration);
        Deployment(operation, request.DeploymentConfiguration);
        Registries(operation, request.ServiceRegistries);
        LoadBalancers(operation, active, request.LoadBalancers, request.HealthCheckGracePeriodSeconds);
        Tags(operation, request.Tags);
    }

    /// <summary>
    /// ECS's rules for a service's load balancers: at most five, each a target group ARN served by a port mapping of a
    /// container of the task definition, and a health check grace period only with a load balancer.
    /// </summary>
    public static void LoadBalancers(string operation, TaskDefinition definition, IReadOnlyList<LoadBalancer> loadBalancers, int? gracePeriodSeconds)
    {
        if (loadBalancers.Count > 5)
        {
            throw InvalidParameter(operation, "A service can have at most 5 load balancers (target groups).");
        }

        foreach (var loadBalancer in loadBalancers)
        {
            if (!TargetGroupArnPattern().IsMatch(loadBalancer.TargetGroupArn))
            {
                throw InvalidParameter(operation, $"Invalid target group arn: {loadBalancer.TargetGroupArn}.");
            }

            var container = definition.Definition.ContainerDefinitions.FirstOrDefault(c => c.Name == loadBalancer.ContainerName)
                ?? throw InvalidParameter(operation, $"The container {loadBalancer.ContainerName} does not exist in the task definition.");
            if (container.PortMappings.All(p => p.ContainerPort != loadBalancer.ContainerPort))
            {
                throw InvalidParameter(operation, $"The container {loadBalancer.ContainerName} did not have a container port {loadBalancer.ContainerPort} defined.");
            }
        }

        if (loadBalancers.Select(l => (l.TargetGroupArn, l.ContainerName, l.ContainerPort)).Distinct().Count() != loadBalancers.Count)
        {
            throw InvalidParameter(operation, "A load balancer (target group, container name and port) is listed twice.");
        }

        if (gracePeriodSeconds is { } grace && (grace < 0 || loadBalancers.Count == 0))
        {
            throw InvalidParameter(operation, grace < 0
                ? "healthCheckGracePeriodSeconds must be 0 or more."
                : "Health check grace period is only valid for services configured to use load balancers");
        }
    }

    public static TaskDefinition ActiveDefinition(string operation, TaskDefinition? definition)
    {
        if (definition is null)
        {
            throw Client(operation, AwsErrorKind.InvalidParameter, "TaskDefinition not found.");
        }

        return definition.Status == TaskDefinitionRegistry.ActiveStatus
            ? definition
            : throw Client(operation, AwsErrorKind.InvalidParameter, "TaskDefinition is inactive.");
    }

    public static void DesiredCount(string operation, int desiredCount)
    {
        if (desiredCount < 0)
        {
            throw InvalidParameter(operation, "desiredCount must be greater than or equal to 0.");
        }
    }

    public static void NetworkConfiguration(string operation, TaskDefinition definition, AwsVpcConfiguration? network)
    {
        if (definition.Definition.NetworkMode != "awsvpc")
        {
            if (network is { Subnets.Count: > 0 })
            {
                throw InvalidParameter(operation, "Network Configuration is not valid for the given networkMode of this task definition.");
            }

            return;
        }

        if (network is null)
        {
            throw InvalidParameter(operation, "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
        }

        if (network.Subnets.Count is 0 or > 16)
        {
            throw InvalidParameter(operation, "subnets can not be empty and can have at most 16 items.");
        }

        if (network.SecurityGroups.Count > 5)
        {
            throw InvalidParameter(operation, "securityGroups can have at most 5 items.");
        }
    }

    public static void Deployment(string operation, DeploymentConfiguration configuration)
    {
        if (configuration.MinimumHealthyPercent is < 0 or > 100)
        {
            throw InvalidParameter(operation, "minimumHealthyPercent must be between 0 and 100.");
        }

        if (configuration.MaximumPercent < 100)
        {
            throw InvalidParameter(operation, "maximumPercent must be at least 100 for a replica service.");
        }
    }

    public static void Registries(string operation, IReadOnlyList<ServiceRegistry> registries)
    {
        if (registries.Count > 1)
        {
            throw InvalidParameter(operation, "A service can have at most one service registry.");
        }
    }

    [GeneratedRegex(@"^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}$")]
    private static partial Regex TargetGroupArnPattern();

    private static void Fargate(TaskDefinitionRequest request)
    {
        const string Operation = "RegisterTaskDefinition";
        if (request.NetworkMode != "awsvpc")
        {
            throw Client(Operation, AwsErrorKind.InvalidParameter, "Fargate only supports network mode 'awsvpc'.");
        }

        var cpuOk = int.TryParse(request.Cpu, System.Globalization.CultureInfo.InvariantCulture, out var cpu);
        var memoryOk = int.TryParse(request.Memory, System.Globalization.CultureInfo.InvariantCulture, out var memory);
        if (!cpuOk || !memoryOk || !FargateMemoryByCpu.TryGetValue(cpu, out var memories) || !memories.Contains(memory))
        {
            throw Client(Operation, AwsErrorKind.InvalidParameter, $"No Fargate configuration exists for given values: {request.Cpu} CPU, {request.Memory} memory. See the Amazon ECS documentation for the valid values.");
        }
    }

    private static int[] Range(int from, int to, int step) =>
        Enumerable.Range(0, ((to - from) / step) + 1).Select(i => from + (i * step)).ToArray();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,255}$")]
    private static partial Regex NamePattern();
}

using ZeebeOperator.Simulation.Infrastructure;

namespace ZeebeOperator.Simulation.Throttling;

/// <summary>
/// Per-account request quotas, one token bucket per API family and kind of call, the way AWS throttles
/// (ECS documents a token bucket per group of actions: a burst capacity refilled at a sustained rate).
/// The defaults approximate the published ECS quotas and sit in the same range for Cloud Map and EFS;
/// real accounts differ, and quotas can be raised, so every rate is configurable.
/// The spec and status stores (S3, DynamoDB) are not throttled.
/// </summary>
public sealed record ApiThrottleLimits
{
    public ApiRate EcsRead { get; init; } = new(20, 100);

    public ApiRate EcsMutate { get; init; } = new(5, 50);

    public ApiRate ServiceDiscoveryRead { get; init; } = new(20, 50);

    public ApiRate ServiceDiscoveryMutate { get; init; } = new(5, 20);

    public ApiRate EfsRead { get; init; } = new(10, 50);

    public ApiRate EfsMutate { get; init; } = new(5, 20);

    public static ApiThrottleLimits Aws { get; } = new();

    /// <summary>Every rate and burst multiplied by <paramref name="factor"/> (to shorten a benchmark while keeping the proportions).</summary>
    public ApiThrottleLimits Scaled(double factor) => new()
    {
        EcsRead = EcsRead.Scaled(factor),
        EcsMutate = EcsMutate.Scaled(factor),
        ServiceDiscoveryRead = ServiceDiscoveryRead.Scaled(factor),
        ServiceDiscoveryMutate = ServiceDiscoveryMutate.Scaled(factor),
        EfsRead = EfsRead.Scaled(factor),
        EfsMutate = EfsMutate.Scaled(factor),
    };

    /// <summary>The family a call is counted against, e.g. <c>ecs read</c>; null for services that are not throttled.</summary>
    public static string? FamilyOf(string service, bool mutating) => service switch
    {
        AwsServices.Ecs or AwsServices.ServiceDiscovery or AwsServices.Efs => $"{service} {(mutating ? "mutate" : "read")}",
        _ => null,
    };

    public ApiRate? RateOf(string family) => family switch
    {
        "ecs read" => EcsRead,
        "ecs mutate" => EcsMutate,
        "servicediscovery read" => ServiceDiscoveryRead,
        "servicediscovery mutate" => ServiceDiscoveryMutate,
        "elasticfilesystem read" => EfsRead,
        "elasticfilesystem mutate" => EfsMutate,
        _ => null,
    };

    public IEnumerable<(string Family, ApiRate Rate)> All =>
    [
        ("ecs read", EcsRead),
        ("ecs mutate", EcsMutate),
        ("servicediscovery read", ServiceDiscoveryRead),
        ("servicediscovery mutate", ServiceDiscoveryMutate),
        ("elasticfilesystem read", EfsRead),
        ("elasticfilesystem mutate", EfsMutate),
    ];
}

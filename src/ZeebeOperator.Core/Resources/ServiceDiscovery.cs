namespace ZeebeOperator.Core.Resources;

/// <summary>A Cloud Map service (ListServices summary or GetService); tags come from ListTagsForResource.</summary>
public sealed record DiscoveryService(
    string Id,
    string Arn,
    string Name,
    string NamespaceId,
    int? DnsTtlSeconds,
    string? Description)
{
    /// <summary>The service id in a Cloud Map service ARN (<c>arn:aws:servicediscovery:{region}:{account}:service/{id}</c>).</summary>
    public static string IdOf(string arn) => arn[(arn.LastIndexOf('/') + 1)..];
}

/// <param name="CreatorRequestId">Idempotency token (Cloud Map's name for it).</param>
public sealed record CreateDiscoveryServiceRequest(
    string CreatorRequestId,
    string Name,
    string NamespaceId,
    int DnsTtlSeconds,
    string Description,
    IReadOnlyDictionary<string, string> Tags);

/// <summary>An instance registered in a Cloud Map service (ListInstances summary).</summary>
public sealed record ServiceInstance(string Id, IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>The attribute that makes an A record: the instance's IPv4 address.</summary>
    public const string Ipv4Attribute = "AWS_INSTANCE_IPV4";

    public string? Ipv4 => Attributes.GetValueOrDefault(Ipv4Attribute);
}

/// <summary>RegisterInstance: creates the instance, or replaces the attributes of the instance with that id.</summary>
/// <param name="CreatorRequestId">Idempotency token.</param>
public sealed record RegisterInstanceRequest(string ServiceId, string InstanceId, string CreatorRequestId, IReadOnlyDictionary<string, string> Attributes);

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

namespace ZeebeOperator.Core.Resources;

/// <summary>
/// EC2 DescribeInstances, one page. <see cref="InstanceIds"/> fails the whole call with
/// <c>InvalidInstanceID.NotFound</c> when one of them does not exist and cannot be paged (no <see cref="MaxResults"/>);
/// the <c>instance-id</c> filter (<see cref="InstanceIdFilter"/>, at most 200 values) leaves unknown ids out and pages.
/// </summary>
/// <param name="MaxResults">5 to 1000; not with <see cref="InstanceIds"/>.</param>
public sealed record Ec2InstanceQuery(
    IReadOnlyList<string>? InstanceIds = null,
    IReadOnlyList<string>? InstanceIdFilter = null,
    int? MaxResults = null,
    string? NextToken = null);

/// <param name="State">pending, running, shutting-down, terminated, stopping or stopped.</param>
/// <param name="PrivateIpAddress">The primary private IPv4 address; none once the instance is terminated.</param>
public sealed record Ec2Instance(string InstanceId, string State, string? PrivateIpAddress);

public sealed record Ec2InstancePage(IReadOnlyList<Ec2Instance> Instances, string? NextToken);

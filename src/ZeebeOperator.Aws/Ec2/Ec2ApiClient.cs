using Amazon.EC2;
using Amazon.EC2.Model;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Aws.Ec2;

/// <summary><see cref="IEc2Api"/> on AWSSDK.EC2: one DescribeInstances page, the instances of every reservation in it.</summary>
public sealed class Ec2ApiClient(IAmazonEC2 ec2) : IEc2Api
{
    private const string ServiceName = "EC2";

    public Task<Ec2InstancePage> DescribeInstancesAsync(Ec2InstanceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return AwsErrorMapper.GuardAsync(
            ServiceName,
            "DescribeInstances",
            async () =>
            {
                var request = new DescribeInstancesRequest { MaxResults = query.MaxResults, NextToken = query.NextToken };
                if (query.InstanceIds is { Count: > 0 } ids)
                {
                    request.InstanceIds = [.. ids];
                }

                if (query.InstanceIdFilter is { } filter)
                {
                    request.Filters = [new Filter("instance-id", [.. filter])];
                }

                var response = await ec2.DescribeInstancesAsync(request, cancellationToken).ConfigureAwait(false);
                return new Ec2InstancePage(
                    [.. (response.Reservations ?? []).SelectMany(r => r.Instances ?? []).Select(i => new Ec2Instance(i.InstanceId, i.State?.Name?.Value ?? "unknown", i.PrivateIpAddress))],
                    string.IsNullOrEmpty(response.NextToken) ? null : response.NextToken);
            },
            cancellationToken);
    }
}

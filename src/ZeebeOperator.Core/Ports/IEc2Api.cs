using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Ports;

/// <summary>The Amazon EC2 operations the operator uses, shaped like the API: only reading instances' addresses.</summary>
public interface IEc2Api
{
    /// <summary>DescribeInstances, one page of the instances of every reservation.</summary>
    [AwsOperation("ec2", "DescribeInstances")]
    Task<Ec2InstancePage> DescribeInstancesAsync(Ec2InstanceQuery query, CancellationToken cancellationToken);
}

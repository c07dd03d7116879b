namespace ZeebeOperator.Simulation.Ecs;

/// <summary>An EC2 instance registered in a simulated ECS cluster; tasks of the EC2 launch type are placed on it.</summary>
internal sealed class ContainerInstanceState(string arn, string ec2InstanceId, string privateIp, int order)
{
    public const string Active = "ACTIVE";

    public string Arn { get; } = arn;

    public string Ec2InstanceId { get; } = ec2InstanceId;

    /// <summary>The EC2 instance's primary private address: where its bridge and host tasks are reached.</summary>
    public string PrivateIp { get; } = privateIp;

    /// <summary>Registration order, to spread tasks evenly and deterministically.</summary>
    public int Order { get; } = order;

    public string Status { get; set; } = Active;
}

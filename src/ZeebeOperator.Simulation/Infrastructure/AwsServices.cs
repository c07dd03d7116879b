namespace ZeebeOperator.Simulation.Infrastructure;

/// <summary>The service prefixes the simulation records calls under.</summary>
public static class AwsServices
{
    public const string Ecs = "ecs";
    public const string ServiceDiscovery = "servicediscovery";
    public const string Efs = "elasticfilesystem";
    public const string Ec2 = "ec2";
    public const string S3 = "s3";
    public const string DynamoDb = "dynamodb";

    internal static bool IsStore(string service) => service is S3 or DynamoDb;
}

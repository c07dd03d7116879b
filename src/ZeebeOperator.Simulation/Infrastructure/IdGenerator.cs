namespace ZeebeOperator.Simulation.Infrastructure;

/// <summary>Resource ids in AWS's shapes, drawn from a seeded generator so runs are reproducible.</summary>
internal sealed class IdGenerator(int seed)
{
    private const string Hex = "0123456789abcdef";
    private const string LowerAlphanumeric = "0123456789abcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";

    private readonly Lock _gate = new();
    private readonly Random _random = new(seed);
    private int _ipCounter;

    /// <summary>An ECS task id: 32 hex digits.</summary>
    public string TaskId() => Draw(Hex, 32);

    /// <summary>An ECS deployment id: <c>ecs-svc/</c> and 19 digits.</summary>
    public string DeploymentId() => "ecs-svc/" + Draw(Digits, 19);

    /// <summary>A Cloud Map operation id (RegisterInstance, DeregisterInstance): 32 lower-case alphanumerics and a suffix.</summary>
    public string DiscoveryOperationId() => Draw(LowerAlphanumeric, 32) + "-" + Draw(LowerAlphanumeric, 8);

    /// <summary>A Cloud Map service id: <c>srv-</c> and 16 lower-case alphanumerics.</summary>
    public string DiscoveryServiceId() => "srv-" + Draw(LowerAlphanumeric, 16);

    /// <summary>An EFS access point id: <c>fsap-</c> and 17 hex digits.</summary>
    public string AccessPointId() => "fsap-" + Draw(Hex, 17);

    /// <summary>An EC2 instance id: <c>i-</c> and 17 hex digits.</summary>
    public string Ec2InstanceId() => "i-" + Draw(Hex, 17);

    /// <summary>An ECS container instance id: 32 hex digits.</summary>
    public string ContainerInstanceId() => Draw(Hex, 32);

    /// <summary>The next private address in 10.0.0.0/16, skipping the addresses a VPC reserves.</summary>
    public string PrivateIp()
    {
        lock (_gate)
        {
            var n = _ipCounter++;
            return $"10.0.{n / 250 % 256}.{(n % 250) + 4}";
        }
    }

    private string Draw(string alphabet, int length)
    {
        lock (_gate)
        {
            return string.Create(length, (alphabet, _random), static (span, state) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = state.alphabet[state._random.Next(state.alphabet.Length)];
                }
            });
        }
    }
}

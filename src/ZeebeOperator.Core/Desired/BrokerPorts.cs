using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Desired;

/// <summary>The ports a Zeebe broker listens on.</summary>
public static class BrokerPorts
{
    public const int Gateway = 26500;
    public const int Command = 26501;
    public const int Internal = 26502;
    public const int Management = 9600;
    public const int Rest = 8080;

    public static IReadOnlyList<PortMapping> Mappings { get; } =
    [
        new("gateway", Gateway),
        new("command", Command),
        new("internal", Internal),
        new("management", Management),
        new("rest", Rest),
    ];
}

using Moq;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Core.Tests.Support;

/// <summary>
/// A Zeebe cluster API that always reports the given brokers as healthy ACTIVE members, serving three partitions
/// (the test specs' count) with full replication.
/// </summary>
internal static class ZeebeStub
{
    public static IZeebeClusterApi Members(params int[] members)
    {
        var api = new Mock<IZeebeClusterApi>();
        api.Setup(a => a.GetTopologyAsync(It.IsAny<Uri>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(ObservedStates.Topology(members));
        api.Setup(a => a.GetGatewayTopologyAsync(It.IsAny<Uri>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(ObservedStates.HealthyGateway(members, partitionCount: 3, replicationFactor: Math.Min(3, members.Length)));
        api.Setup(a => a.CheckHealthAsync(It.IsAny<Uri>(), It.IsAny<HealthProbe>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(HealthReport.Up);
        return api.Object;
    }
}

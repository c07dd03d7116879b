using ZeebeOperator.Simulation.Zeebe;

namespace ZeebeOperator.Core.Tests.ZeebeSimulation;

public sealed class ZeebeBrokerAddressTests
{
    [Theory]
    [InlineData("http://orders-broker-3.zeebe.internal:9600", "orders", 3, "zeebe.internal")]
    [InlineData("http://orders-broker-0.zeebe.internal:9600/", "orders", 0, "zeebe.internal")]
    [InlineData("http://my-broker-pool-broker-12.ns:9600", "my-broker-pool", 12, "ns")]
    [InlineData("http://Orders-Broker-1:9600", "orders", 1, "")]
    public void Parses_cluster_node_and_namespace(string uri, string cluster, int nodeId, string namespaceName)
    {
        Assert.True(ZeebeBrokerAddress.TryParse(new Uri(uri), out var address));
        Assert.Equal(new ZeebeBrokerAddress(cluster, nodeId, namespaceName), address);
    }

    [Theory]
    [InlineData("http://orders.zeebe.internal:9600")]
    [InlineData("http://orders-broker-.zeebe.internal:9600")]
    [InlineData("http://-broker-1.zeebe.internal:9600")]
    [InlineData("http://10.0.0.7:9600")]
    public void Rejects_hosts_that_are_not_broker_names(string uri) =>
        Assert.False(ZeebeBrokerAddress.TryParse(new Uri(uri), out _));

    [Fact]
    public void Formats_the_management_address_and_reads_it_back()
    {
        var address = new ZeebeBrokerAddress("orders", 2, "zeebe.internal");

        Assert.Equal(new Uri("http://orders-broker-2.zeebe.internal:9600"), address.ToUri());
        Assert.True(ZeebeBrokerAddress.TryParse(address.ToUri(), out var back));
        Assert.Equal(address, back);
    }
}

using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Tests.Spec;

public sealed class OperatorOwnedEnvironmentTests
{
    [Theory]
    [InlineData("CAMUNDA_CLUSTER_NODEID")]
    [InlineData("CAMUNDA_CLUSTER_NETWORK_ADVERTISEDHOST")]
    [InlineData("ZEEBE_BROKER_CLUSTER_PARTITIONSCOUNT")]
    [InlineData("ZEEBE_BROKER_DATA_DIRECTORY")]
    [InlineData("camunda_cluster_initialcontactpoints")]
    public void Cluster_settings_in_both_naming_styles_are_owned(string name) =>
        Assert.True(OperatorOwnedEnvironment.IsOwned(name));

    [Theory]
    [InlineData("JAVA_TOOL_OPTIONS")]
    [InlineData("ZEEBE_BROKER_EXPORTERS_ELASTICSEARCH_CLASSNAME")]
    [InlineData("CAMUNDA_CLUSTER_NODEID_EXTRA")]
    public void Other_settings_are_the_users(string name) =>
        Assert.False(OperatorOwnedEnvironment.IsOwned(name));

    [Fact]
    public void Both_styles_of_all_six_cluster_settings_and_the_data_directory_are_listed() =>
        Assert.Equal(13, OperatorOwnedEnvironment.Names.Count);
}

using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Tests.Support;

namespace ZeebeOperator.Core.Tests.Spec;

/// <summary>
/// Every broker setting the operator renders, under both of Camunda's namings. The names are written out here
/// (from Camunda's configuration reference and the design doc), not taken from the code under test.
/// </summary>
public sealed class OperatorOwnedEnvironmentTests
{
    private sealed record Owned(string Setting, string Unified, string Legacy);

    private static readonly Owned[] Settings =
    [
        new("node ID", "CAMUNDA_CLUSTER_NODEID", "ZEEBE_BROKER_CLUSTER_NODEID"),
        new("cluster size", "CAMUNDA_CLUSTER_SIZE", "ZEEBE_BROKER_CLUSTER_CLUSTERSIZE"),
        new("partition count", "CAMUNDA_CLUSTER_PARTITIONCOUNT", "ZEEBE_BROKER_CLUSTER_PARTITIONSCOUNT"),
        new("replication factor", "CAMUNDA_CLUSTER_REPLICATIONFACTOR", "ZEEBE_BROKER_CLUSTER_REPLICATIONFACTOR"),
        new("initial contact points", "CAMUNDA_CLUSTER_INITIALCONTACTPOINTS", "ZEEBE_BROKER_CLUSTER_INITIALCONTACTPOINTS"),
        new("advertised host", "CAMUNDA_CLUSTER_NETWORK_ADVERTISEDHOST", "ZEEBE_BROKER_NETWORK_ADVERTISEDHOST"),
        new("data directory", "CAMUNDA_DATA_PRIMARYSTORAGE_DIRECTORY", "ZEEBE_BROKER_DATA_DIRECTORY"),
    ];

    public static TheoryData<string, string> BothNamesOfEverySetting()
    {
        var data = new TheoryData<string, string>();
        foreach (var owned in Settings)
        {
            data.Add(owned.Setting, owned.Unified);
            data.Add(owned.Setting, owned.Legacy);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BothNamesOfEverySetting))]
    public void Both_names_of_every_operator_owned_setting_are_refused_in_any_case(string setting, string name)
    {
        foreach (var written in new[] { name, name.ToLowerInvariant() })
        {
            var error = SpecAssert.SingleError(
                SpecJson.Create().Set($"spec.env.{written}", "/tmp/x").Parse(),
                $"spec.env.{written}",
                "is set by the operator and cannot be overridden");
            Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Spring Boot binds an environment variable to a property in two spellings: dashes dropped
    /// (<c>camunda.data.primary-storage.directory</c> → <c>CAMUNDA_DATA_PRIMARYSTORAGE_DIRECTORY</c>) and dashes
    /// turned into underscores (<c>CAMUNDA_DATA_PRIMARY_STORAGE_DIRECTORY</c>); Zeebe's camelCase properties bind as
    /// dashed ones (<c>nodeId</c> is <c>node-id</c>). Camunda also documents a few other properties that set the same thing.
    /// </summary>
    [Theory]
    [InlineData("CAMUNDA_DATA_PRIMARY_STORAGE_DIRECTORY", "data directory")]
    [InlineData("camunda_data_primary_storage_directory", "data directory")]
    [InlineData("CAMUNDA_CLUSTER_NODE_ID", "node ID")]
    [InlineData("ZEEBE_BROKER_CLUSTER_NODE_ID", "node ID")]
    [InlineData("CAMUNDA_CLUSTER_NODEIDPROVIDER_FIXED_NODEID", "node ID")]
    [InlineData("CAMUNDA_CLUSTER_NODEIDPROVIDER_STATIC_NODEID", "node ID")]
    [InlineData("CAMUNDA_CLUSTER_NODE_ID_PROVIDER_TYPE", "node ID")]
    [InlineData("ZEEBE_BROKER_CLUSTER_CLUSTER_SIZE", "cluster size")]
    [InlineData("CAMUNDA_CLUSTER_PARTITION_COUNT", "partition count")]
    [InlineData("ZEEBE_BROKER_CLUSTER_PARTITIONS_COUNT", "partition count")]
    [InlineData("ZEEBE_BROKER_CLUSTER_REPLICATION_FACTOR", "replication factor")]
    [InlineData("CAMUNDA_CLUSTER_INITIAL_CONTACT_POINTS", "initial contact points")]
    [InlineData("ZEEBE_GATEWAY_CLUSTER_INITIALCONTACTPOINTS", "initial contact points")]
    [InlineData("CAMUNDA_CLUSTER_NETWORK_ADVERTISED_HOST", "advertised host")]
    [InlineData("ZEEBE_BROKER_NETWORK_ADVERTISED_HOST", "advertised host")]
    [InlineData("ZEEBE_GATEWAY_CLUSTER_ADVERTISEDHOST", "advertised host")]
    [InlineData("CAMUNDA_CLUSTER_NETWORK_INTERNALAPI_ADVERTISEDHOST", "advertised host")]
    [InlineData("ZEEBE_BROKER_NETWORK_COMMANDAPI_ADVERTISEDHOST", "advertised host")]
    public void Spellings_and_aliases_that_Spring_binds_to_an_owned_setting_are_refused(string name, string setting)
    {
        var error = SpecAssert.SingleError(SpecJson.Create().Set($"spec.env.{name}", "1").Parse(), $"spec.env.{name}", "cannot be overridden");
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("JAVA_TOOL_OPTIONS")]
    [InlineData("ZEEBE_BROKER_EXPORTERS_ELASTICSEARCH_CLASSNAME")]
    [InlineData("CAMUNDA_CLUSTER_NODEID_EXTRA")]
    [InlineData("CAMUNDA_DATA_PRIMARYSTORAGE_RUNTIMEDIRECTORY")]
    [InlineData("ZEEBE_BROKER_DATA_DISK_FREESPACE_PROCESSING")]
    public void Other_settings_are_the_users(string name) =>
        Assert.False(OperatorOwnedEnvironment.IsOwned(name));

    [Theory]
    [InlineData("camunda/camunda:8.8.3")]
    [InlineData("camunda/camunda:8.9.0")]
    public void Unified_images_get_the_data_directory_under_both_names_because_both_are_read(string image)
    {
        var env = RenderedEnvironment(TestSpecs.Orders(image: image));

        Assert.Equal(ResourceNames.DataMountPath, env["CAMUNDA_DATA_PRIMARYSTORAGE_DIRECTORY"]);
        Assert.Equal(ResourceNames.DataMountPath, env["ZEEBE_BROKER_DATA_DIRECTORY"]);
    }

    [Fact]
    public void Legacy_images_get_the_data_directory_only_under_the_name_they_read()
    {
        var env = RenderedEnvironment(TestSpecs.Orders(image: "camunda/zeebe:8.7.12"));

        Assert.Equal(ResourceNames.DataMountPath, env["ZEEBE_BROKER_DATA_DIRECTORY"]);
        Assert.DoesNotContain("CAMUNDA_DATA_PRIMARYSTORAGE_DIRECTORY", env.Keys);
    }

    [Theory]
    [InlineData("camunda/camunda:8.8.3")]
    [InlineData("camunda/zeebe:8.7.12")]
    public void Every_variable_the_operator_renders_is_in_the_list_above_and_refused(string image)
    {
        var listed = Settings.SelectMany(s => new[] { s.Unified, s.Legacy }).ToHashSet(StringComparer.Ordinal);
        var rendered = RenderedEnvironment(TestSpecs.Orders(image: image, env: new Dictionary<string, string>())).Keys;

        Assert.All(rendered, name => Assert.Contains(name, listed));
        Assert.All(rendered, name => Assert.True(OperatorOwnedEnvironment.IsOwned(name), name));
    }

    private static Dictionary<string, string> RenderedEnvironment(ZeebeClusterDocument document) =>
        new DesiredStateRenderer("eu-west-1").Render(document).Nodes[0].TaskDefinition.For("fsap-1")
            .ContainerDefinitions.Single().Environment.ToDictionary(e => e.Name, e => e.Value);
}

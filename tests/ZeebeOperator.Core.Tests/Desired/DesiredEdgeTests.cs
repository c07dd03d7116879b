using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Tests.Support;

namespace ZeebeOperator.Core.Tests.Desired;

/// <summary>
/// What the rendered resources say to ECS beyond the defaults the other renderer tests cover: placement on capacity
/// providers, the log region, deployment rollback, managed tags, and reading a running broker's settings back.
/// </summary>
public sealed class DesiredEdgeTests
{
    private readonly DesiredStateRenderer _renderer = new("eu-west-1");

    [Fact]
    public void A_failed_deployment_rolls_back() =>
        Assert.True(_renderer.Render(TestSpecs.Orders()).Nodes[0].Service.DeploymentConfiguration.CircuitBreaker.Rollback);

    [Fact]
    public void Logs_go_to_the_region_the_spec_names()
    {
        var orders = TestSpecs.Orders();
        var document = orders with { Spec = orders.Spec with { Placement = orders.Spec.Placement with { LogRegion = "eu-central-1" } } };

        var container = _renderer.Render(document).Nodes[0].TaskDefinition.For("fsap-1").ContainerDefinitions.Single();

        Assert.Equal("eu-central-1", container.LogConfiguration!.Options["awslogs-region"]);
    }

    [Theory]
    [InlineData("FARGATE_SPOT", "FARGATE")]
    [InlineData("FARGATE", "FARGATE")]
    [InlineData("orders-asg", "EC2")]
    public void A_capacity_provider_replaces_the_launch_type_and_decides_the_compatibility(string provider, string compatibility)
    {
        var node = _renderer.Render(Placed(p => p with { CapacityProvider = provider })).Nodes[0];

        Assert.Null(node.Service.LaunchType);
        Assert.Equal(provider, Assert.Single(node.Service.CapacityProviderStrategy).CapacityProvider);
        Assert.Equal([compatibility], node.TaskDefinition.For("fsap-1").RequiresCompatibilities);
    }

    [Fact]
    public void The_EC2_launch_type_asks_for_EC2_compatibility()
    {
        var node = _renderer.Render(Placed(p => p with { LaunchType = LaunchType.Ec2 })).Nodes[0];

        Assert.Equal("EC2", node.Service.LaunchType);
        Assert.Equal(["EC2"], node.TaskDefinition.For("fsap-1").RequiresCompatibilities);
    }

    [Fact]
    public void A_service_is_created_with_ECS_managed_tags_and_without_a_target_group_tag_when_it_has_none()
    {
        var service = _renderer.Render(TestSpecs.Orders()).Nodes[0].Service;

        var request = service.ToCreateRequest("token", "arn:aws:ecs:eu-west-1:123456789012:task-definition/orders-broker-0:1", "arn:aws:servicediscovery:eu-west-1:123456789012:service/srv-0");

        Assert.True(request.EnableEcsManagedTags);
        Assert.False(request.Tags.ContainsKey(TagKeys.TargetGroups));
    }

    [Fact]
    public void The_target_group_fingerprint_is_stable_across_versions()
    {
        LoadBalancer grpc = new("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/orders-grpc/0123456789abcdef", "zeebe", 26500);
        LoadBalancer rest = new("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/orders-rest/0123456789abcdef", "zeebe", 8080);

        // Services already carry this tag: a new value would read as target groups changed out of band.
        Assert.Equal(DesiredService.TargetGroupsFingerprint([rest, grpc]), DesiredService.TargetGroupsFingerprint([grpc, rest, grpc]));
        Assert.Equal(Fingerprint, DesiredService.TargetGroupsFingerprint([grpc, rest]));
    }

    [Theory]
    [InlineData("orders-broker-2", "orders")]
    [InlineData("orders-broker-100", "orders")]
    [InlineData("my-broker-cluster-broker-7", "my-broker-cluster")]
    [InlineData("orders-broker-", null)]
    [InlineData("-broker-1", null)]
    [InlineData("orders-broker-1a", null)]
    [InlineData("orders-broker-01", null)]
    [InlineData("orders-broker-1000", null)]
    [InlineData("orders", null)]
    public void A_broker_resource_name_names_its_cluster(string resourceName, string? cluster) =>
        Assert.Equal(cluster, ResourceNames.ClusterOfBroker(resourceName));

    [Fact]
    public void Bootstrap_settings_are_read_back_in_either_naming_and_the_new_names_win()
    {
        var unified = BootstrapConfig.FromEnvironment(
        [
            new("CAMUNDA_CLUSTER_SIZE", "3"), new("CAMUNDA_CLUSTER_PARTITIONCOUNT", "6"), new("CAMUNDA_CLUSTER_REPLICATIONFACTOR", "3"),
            new("CAMUNDA_CLUSTER_NETWORK_ADVERTISEDHOST", "orders-broker-0.zeebe.internal"),
            new("ZEEBE_BROKER_NETWORK_ADVERTISEDHOST", "orders-broker-0.old.internal"),
        ]);
        var legacy = BootstrapConfig.FromEnvironment(
        [
            new("ZEEBE_BROKER_CLUSTER_CLUSTERSIZE", "5"), new("ZEEBE_BROKER_CLUSTER_PARTITIONSCOUNT", "3"), new("ZEEBE_BROKER_CLUSTER_REPLICATIONFACTOR", "1"),
            new("ZEEBE_BROKER_NETWORK_ADVERTISEDHOST", "orders-broker-0.zeebe.internal"),
        ]);

        Assert.Equal(new BootstrapConfig(3, 6, 3, "zeebe.internal"), unified);
        Assert.Equal(new BootstrapConfig(5, 3, 1, "zeebe.internal"), legacy);
    }

    [Theory]
    [InlineData(null, "orders-broker-0.zeebe.internal")]
    [InlineData("3", null)]
    [InlineData("3", "orders-broker-0")]
    [InlineData("3", ".zeebe.internal")]
    [InlineData("three", "orders-broker-0.zeebe.internal")]
    public void Bootstrap_settings_that_are_incomplete_are_not_read(string? size, string? host)
    {
        List<KeyValuePairEntry> environment = [new("CAMUNDA_CLUSTER_PARTITIONCOUNT", "6"), new("CAMUNDA_CLUSTER_REPLICATIONFACTOR", "3")];
        if (size is not null)
        {
            environment.Add(new("CAMUNDA_CLUSTER_SIZE", size));
        }

        if (host is not null)
        {
            environment.Add(new("CAMUNDA_CLUSTER_NETWORK_ADVERTISEDHOST", host));
        }

        Assert.Null(BootstrapConfig.FromEnvironment(environment));
    }

    [Fact]
    public void A_cluster_wide_resource_carries_the_labels_and_is_told_apart_from_a_node_resource()
    {
        var tags = Ownership.ClusterTags("orders", "orders-gateway", new Dictionary<string, string> { ["team"] = "payments" });

        Assert.Equal("payments", tags["team"]);
        Assert.True(Ownership.IsClusterResourceOf(tags, "orders"));
        Assert.False(Ownership.IsClusterResourceOf(tags, "payments"));
        Assert.False(Ownership.IsClusterResourceOf(Ownership.Tags("orders", 0, new Dictionary<string, string>()), "orders"));
        Assert.False(Ownership.IsClusterResourceOf(tags.Where(t => t.Key != TagKeys.ManagedBy).ToDictionary(), "orders"));
    }

    private const string Fingerprint = "866469b581ea666e";

    private static ZeebeClusterDocument Placed(Func<PlacementSpec, PlacementSpec> change)
    {
        var orders = TestSpecs.Orders();
        return orders with { Spec = orders.Spec with { Placement = change(orders.Spec.Placement) } };
    }
}

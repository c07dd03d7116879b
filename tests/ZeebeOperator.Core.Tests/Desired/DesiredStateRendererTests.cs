using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Tests.Support;

namespace ZeebeOperator.Core.Tests.Desired;

public sealed class DesiredStateRendererTests
{
    private readonly DesiredStateRenderer _renderer = new("eu-west-1");

    private static Dictionary<string, string> Env(TaskDefinitionRequest definition) =>
        definition.ContainerDefinitions.Single().Environment.ToDictionary(e => e.Name, e => e.Value);

    [Fact]
    public void Every_node_gets_its_own_named_resources_and_data_directory()
    {
        var desired = _renderer.Render(TestSpecs.Orders(clusterSize: 3));

        Assert.Equal([0, 1, 2], desired.Nodes.Select(n => n.NodeId));
        var node2 = desired.Nodes[2];
        Assert.Equal("orders-broker-2", node2.BrokerName);
        Assert.Equal("orders-broker-2.zeebe.internal", node2.DnsName);
        Assert.Equal("/zeebe/orders/node-2", node2.AccessPoint.RootPath);
        Assert.Equal(new PosixIdentity(1001, 0), node2.AccessPoint.PosixUser);
        Assert.Equal("orders-broker-2", node2.DiscoveryService.Name);
        Assert.Equal("orders-broker-2", node2.Service.ServiceName);
        Assert.Equal("orders-broker-2", node2.TaskDefinition.For("fsap-1").Family);
    }

    [Fact]
    public void Services_stop_the_old_task_before_starting_a_new_one()
    {
        var service = _renderer.Render(TestSpecs.Orders()).Nodes[0].Service;

        Assert.Equal(1, service.DesiredCount);
        Assert.Equal(100, service.DeploymentConfiguration.MaximumPercent);
        Assert.Equal(0, service.DeploymentConfiguration.MinimumHealthyPercent);
        Assert.True(service.DeploymentConfiguration.CircuitBreaker.Enable);
        Assert.Equal("FARGATE", service.LaunchType);
        Assert.False(service.NetworkConfiguration.AssignPublicIp);
    }

    [Fact]
    public void Every_resource_carries_the_ownership_tags_and_the_labels()
    {
        var node = _renderer.Render(TestSpecs.Orders()).Nodes[1];

        foreach (var tags in new[] { node.AccessPoint.Tags, node.DiscoveryService.Tags, node.Service.Tags, node.TaskDefinition.For("fsap-1").Tags })
        {
            Assert.True(Ownership.IsOwnedBy(tags, "orders", 1));
            Assert.False(Ownership.IsOwnedBy(tags, "orders", 0));
            Assert.Equal("payments", tags["team"]);
        }
    }

    [Fact]
    public void Images_from_8_8_get_the_unified_configuration_names()
    {
        var env = Env(_renderer.Render(TestSpecs.Orders(image: "camunda/camunda:8.8.3")).Nodes[1].TaskDefinition.For("fsap-1"));

        Assert.Equal("1", env["CAMUNDA_CLUSTER_NODEID"]);
        Assert.Equal("3", env["CAMUNDA_CLUSTER_SIZE"]);
        Assert.Equal("3", env["CAMUNDA_CLUSTER_PARTITIONCOUNT"]);
        Assert.Equal("3", env["CAMUNDA_CLUSTER_REPLICATIONFACTOR"]);
        Assert.Equal("orders-broker-1.zeebe.internal", env["CAMUNDA_CLUSTER_NETWORK_ADVERTISEDHOST"]);
        Assert.Equal(
            "orders-broker-0.zeebe.internal:26502,orders-broker-1.zeebe.internal:26502,orders-broker-2.zeebe.internal:26502",
            env["CAMUNDA_CLUSTER_INITIALCONTACTPOINTS"]);
        Assert.Equal(ResourceNames.DataMountPath, env["ZEEBE_BROKER_DATA_DIRECTORY"]);
        Assert.DoesNotContain(env.Keys, k => k.StartsWith("ZEEBE_BROKER_CLUSTER_", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("camunda/zeebe:8.7.12")]
    [InlineData("camunda/zeebe:8.6.0")]
    [InlineData("registry.example.com:5000/camunda/zeebe:8.5.3-rc1")]
    public void Images_before_8_8_get_the_legacy_configuration_names(string image)
    {
        var env = Env(_renderer.Render(TestSpecs.Orders(image: image)).Nodes[0].TaskDefinition.For("fsap-1"));

        Assert.Equal("0", env["ZEEBE_BROKER_CLUSTER_NODEID"]);
        Assert.Equal("3", env["ZEEBE_BROKER_CLUSTER_CLUSTERSIZE"]);
        Assert.Equal("3", env["ZEEBE_BROKER_CLUSTER_PARTITIONSCOUNT"]);
        Assert.Equal("orders-broker-0.zeebe.internal", env["ZEEBE_BROKER_NETWORK_ADVERTISEDHOST"]);
        Assert.DoesNotContain(env.Keys, k => k.StartsWith("CAMUNDA_CLUSTER_", StringComparison.Ordinal));
    }

    [Fact]
    public void User_environment_is_passed_through_but_cannot_replace_operator_values()
    {
        var env = Env(_renderer.Render(TestSpecs.Orders(env: new Dictionary<string, string>
        {
            ["JAVA_TOOL_OPTIONS"] = "-Xmx2g",
            ["CAMUNDA_CLUSTER_NODEID"] = "7",
        })).Nodes[0].TaskDefinition.For("fsap-1"));

        Assert.Equal("-Xmx2g", env["JAVA_TOOL_OPTIONS"]);
        Assert.Equal("0", env["CAMUNDA_CLUSTER_NODEID"]);
    }

    [Fact]
    public void The_task_definition_mounts_the_nodes_access_point_encrypted_and_exposes_the_broker_ports()
    {
        var definition = _renderer.Render(TestSpecs.Orders()).Nodes[0].TaskDefinition.For("fsap-0123456789abcdef0");
        var container = definition.ContainerDefinitions.Single();

        var volume = Assert.Single(definition.Volumes);
        Assert.Equal(new EfsVolumeConfiguration("fs-0123456789abcdef0", "fsap-0123456789abcdef0", TransitEncryption: true, IamAuthorization: true), volume.Efs);
        Assert.Equal(volume.Name, Assert.Single(container.MountPoints).SourceVolume);
        Assert.Equal([26500, 26501, 26502, 9600, 8080], container.PortMappings.Select(p => p.ContainerPort));
        Assert.Equal("awsvpc", definition.NetworkMode);
        Assert.Equal(["FARGATE"], definition.RequiresCompatibilities);
        Assert.Equal("2048", definition.Cpu);
        Assert.Equal("4096", definition.Memory);
        Assert.Contains("/actuator/health/liveness", container.HealthCheck!.Command[1], StringComparison.Ordinal);
        Assert.Equal("eu-west-1", container.LogConfiguration!.Options["awslogs-region"]);
        Assert.Equal("/ecs/zeebe/orders", container.LogConfiguration.Options["awslogs-group"]);
    }

    [Fact]
    public void The_content_hash_changes_with_what_restarts_a_broker_and_not_with_tags()
    {
        string Hash(ZeebeClusterDocument document) =>
            _renderer.Render(document).Nodes[0].TaskDefinition.For("fsap-1").Tags[TagKeys.ConfigHash];

        var baseline = Hash(TestSpecs.Orders());

        Assert.Equal(baseline, Hash(TestSpecs.Orders()));
        Assert.Equal(baseline, Hash(TestSpecs.Orders(labels: new Dictionary<string, string> { ["team"] = "other" })));
        Assert.NotEqual(baseline, Hash(TestSpecs.Orders(image: "camunda/camunda:8.8.4")));
        Assert.NotEqual(baseline, Hash(TestSpecs.Orders(memory: 8192)));
        Assert.NotEqual(baseline, Hash(TestSpecs.Orders(env: new Dictionary<string, string> { ["A"] = "b" })));
        Assert.NotEqual(baseline, _renderer.Render(TestSpecs.Orders()).Nodes[0].TaskDefinition.For("fsap-2").Tags[TagKeys.ConfigHash]);
    }

    [Fact]
    public void A_spec_without_secrets_arm64_or_a_restart_keeps_the_content_hash_of_earlier_operator_versions()
    {
        // A changed hash would restart every broker of every cluster when the operator is upgraded.
        var hash = _renderer.Render(TestSpecs.Orders()).Nodes[0].TaskDefinition.For("fsap-1").Tags[TagKeys.ConfigHash];

        Assert.Equal("ee09bda4ff5e4cd9", hash);
    }

    [Fact]
    public void Secrets_are_rendered_as_the_containers_secrets_and_never_as_environment_values()
    {
        const string Arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders/db-AbCdEf:password::";
        var definition = _renderer.Render(TestSpecs.Orders(secrets: new Dictionary<string, string> { ["DB_PASSWORD"] = Arn, ["API_KEY"] = "arn:aws:ssm:eu-west-1:123456789012:parameter/api" }))
            .Nodes[0].TaskDefinition.For("fsap-1");

        var container = definition.ContainerDefinitions.Single();
        Assert.Equal(
            [new ContainerSecret("API_KEY", "arn:aws:ssm:eu-west-1:123456789012:parameter/api"), new ContainerSecret("DB_PASSWORD", Arn)],
            container.Secrets);
        Assert.DoesNotContain(container.Environment, e => e.Name is "DB_PASSWORD" or "API_KEY" || e.Value.Contains("arn:", StringComparison.Ordinal));
    }

    [Fact]
    public void Arm64_is_rendered_as_the_runtime_platform_and_X86_64_as_ECS_default()
    {
        var orders = TestSpecs.Orders();
        var arm = orders with { Spec = orders.Spec with { Placement = orders.Spec.Placement with { CpuArchitecture = CpuArchitecture.Arm64 } } };

        Assert.Equal(new RuntimePlatform("ARM64", "LINUX"), _renderer.Render(arm).Nodes[0].TaskDefinition.For("fsap-1").RuntimePlatform);
        Assert.Null(_renderer.Render(orders).Nodes[0].TaskDefinition.For("fsap-1").RuntimePlatform);
    }

    [Fact]
    public void A_restart_request_is_a_docker_label_the_broker_ignores()
    {
        var orders = TestSpecs.Orders();
        var restarted = orders with { Spec = orders.Spec with { RestartedAt = "2026-12-03T10:00:00Z" } };

        var container = _renderer.Render(restarted).Nodes[2].TaskDefinition.For("fsap-1").ContainerDefinitions.Single();

        Assert.Equal("2026-12-03T10:00:00Z", container.DockerLabels![DesiredStateRenderer.RestartedAtLabel]);
        Assert.Equal(Env(_renderer.Render(orders).Nodes[2].TaskDefinition.For("fsap-1")), container.Environment.ToDictionary(e => e.Name, e => e.Value));
    }

    [Fact]
    public void The_content_hash_changes_with_a_secret_reference_the_architecture_and_a_restart_request()
    {
        string Hash(ZeebeClusterDocument document) =>
            _renderer.Render(document).Nodes[0].TaskDefinition.For("fsap-1").Tags[TagKeys.ConfigHash];
        ZeebeClusterDocument WithSecret(string arn) => TestSpecs.Orders(secrets: new Dictionary<string, string> { ["DB_PASSWORD"] = arn });
        var orders = TestSpecs.Orders();
        var baseline = Hash(orders);

        var secret = Hash(WithSecret("arn:aws:ssm:eu-west-1:123456789012:parameter/a"));
        Assert.NotEqual(baseline, secret);
        Assert.NotEqual(secret, Hash(WithSecret("arn:aws:ssm:eu-west-1:123456789012:parameter/b")));
        Assert.NotEqual(baseline, Hash(orders with { Spec = orders.Spec with { Placement = orders.Spec.Placement with { CpuArchitecture = CpuArchitecture.Arm64 } } }));
        var restarted = Hash(orders with { Spec = orders.Spec with { RestartedAt = "2026-12-03T10:00:00Z" } });
        Assert.NotEqual(baseline, restarted);
        Assert.NotEqual(restarted, Hash(orders with { Spec = orders.Spec with { RestartedAt = "2026-12-03T11:00:00Z" } }));
    }
}

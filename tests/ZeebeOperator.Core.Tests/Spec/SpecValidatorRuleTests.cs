using System.Text.Json.Nodes;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Tests.Spec;

public sealed class SpecValidatorRuleTests
{
    [Theory]
    [InlineData("apiVersion", "zeebe.camunda.io/v1", "must be \"zeebe.camunda.io/v1alpha1\"")]
    [InlineData("kind", "Zeebe", "must be \"ZeebeCluster\"")]
    [InlineData("metadata.name", "", "must be a DNS label")]
    [InlineData("metadata.name", "-orders", "must be a DNS label")]
    [InlineData("metadata.name", "orders_eu", "must be a DNS label")]
    [InlineData("metadata.name", "orders.eu", "must be a DNS label")]
    [InlineData("spec.image", "", "must not be empty")]
    [InlineData("spec.image", "camunda/camunda:8.8.3 ", "must not contain whitespace")]
    [InlineData("spec.image", "camunda/Camunda:8.8.3", "lowercase repository path")]
    [InlineData("spec.image", "camunda//camunda", "must be an image reference")]
    [InlineData("spec.image", "camunda/camunda:", "must be an image reference")]
    [InlineData("spec.image", "camunda/camunda:-bad", "must be an image reference")]
    [InlineData("spec.image", "https://camunda/camunda", "must be an image reference")]
    [InlineData("spec.image", "camunda/camunda@sha256:ABCDEF", "must be an image reference")]
    [InlineData("spec.placement.ecsCluster", "", "must be an ECS cluster name")]
    [InlineData("spec.placement.ecsCluster", "arn:aws:ecs:eu-west-1:1234:cluster/camunda", "or an ECS cluster ARN")]
    [InlineData("spec.placement.executionRoleArn", "zeebe-execution", "must be an IAM role ARN")]
    [InlineData("spec.placement.executionRoleArn", "arn:aws:iam::123456789012:policy/zeebe", "must be an IAM role ARN")]
    [InlineData("spec.placement.taskRoleArn", "arn:aws:iam::123456789012:role/", "must be an IAM role ARN")]
    [InlineData("spec.placement.logGroup", "", "must be a CloudWatch log group name")]
    [InlineData("spec.placement.logGroup", "/ecs/zeebe:orders", "must be a CloudWatch log group name")]
    [InlineData("spec.placement.logRegion", "eu-west", "must be an AWS region")]
    [InlineData("spec.placement.logRegion", "EU-WEST-1", "must be an AWS region")]
    [InlineData("spec.serviceDiscovery.namespaceId", "ns-abcdef01234567890123456789012345678901234567890123456789abcdef", "must be a Cloud Map namespace ID of 1 to 64")]
    [InlineData("spec.serviceDiscovery.namespaceId", "ns-abc def", "must be a Cloud Map namespace ID of 1 to 64")]
    [InlineData("spec.serviceDiscovery.namespaceName", "", "must be a DNS name")]
    [InlineData("spec.serviceDiscovery.namespaceName", "zeebe..internal", "must be a DNS name")]
    [InlineData("spec.serviceDiscovery.namespaceName", "-zeebe.internal", "must be a DNS name")]
    [InlineData("spec.serviceDiscovery.namespaceName", "zeebe_internal", "must be a DNS name")]
    [InlineData("spec.storage.fileSystemId", "fs-0123", "must be an EFS file system ID")]
    [InlineData("spec.storage.fileSystemId", "fs-0123456789ABCDEF0", "must be an EFS file system ID")]
    [InlineData("spec.storage.permissions", "750 ", "must be octal permissions")]
    [InlineData("spec.storage.permissions", "07500", "must be octal permissions")]
    [InlineData("spec.storage.rootDirectory", "", "must be an absolute path")]
    [InlineData("spec.storage.rootDirectory", "/zeebe/./orders", "must not contain segments starting with '.'")]
    [InlineData("spec.storage.rootDirectory", "/zeebe/.hidden", "must not contain segments starting with '.'")]
    [InlineData("spec.storage.rootDirectory", "/zeebe/a|b", "must not contain control characters or any of $ # < > ; ` | & ? { } ^ *")]
    [InlineData("spec.updateStrategy.maintenanceWindow.schedule", "0 0 2 ? * SUN * *", "must be a Quartz cron expression of 6 or 7")]
    [InlineData("spec.updateStrategy.maintenanceWindow.schedule", "0  0 2 ? * SUN", "must be a Quartz cron expression of 6 or 7")]
    [InlineData("spec.updateStrategy.maintenanceWindow.schedule", "0 0 2 ? * ?", "exactly one of day-of-month and day-of-week")]
    [InlineData("spec.updateStrategy.maintenanceWindow.duration", "PT24H1S", "at most 24 hours")]
    [InlineData("spec.updateStrategy.maintenanceWindow.duration", "P2D", "at most 24 hours")]
    [InlineData("spec.updateStrategy.maintenanceWindow.duration", "PT0M", "longer than zero")]
    public void Broken_string_rule_is_reported_at_its_field(string path, string value, string message) =>
        SpecAssert.SingleError(SpecJson.Create().Set(path, value).Parse(), path, message);

    [Theory]
    [InlineData("spec.clusterSize", 0, "must be between 1 and 100")]
    [InlineData("spec.clusterSize", 101, "must be between 1 and 100")]
    [InlineData("spec.partitionCount", 0, "must be between 1 and 8192")]
    [InlineData("spec.partitionCount", 8193, "must be between 1 and 8192")]
    [InlineData("spec.replicationFactor", 0, "must be >= 1")]
    [InlineData("spec.replicationFactor", 4, "must be <= spec.clusterSize (3)")]
    [InlineData("spec.resources.cpu", 0, "must be a positive number of CPU units")]
    [InlineData("spec.resources.memory", -4096, "must be a positive number of MiB")]
    [InlineData("spec.serviceDiscovery.dnsTtlSeconds", 0, "must be between 1 and 3600")]
    [InlineData("spec.serviceDiscovery.dnsTtlSeconds", 3601, "must be between 1 and 3600")]
    [InlineData("spec.storage.posixUser.uid", -1, "must be between 0 and 4294967295")]
    [InlineData("spec.storage.posixUser.gid", 4294967296, "must be between 0 and 4294967295")]
    [InlineData("metadata.generation", 0, "must be >= 1")]
    public void Number_out_of_range_is_reported_with_its_bounds(string path, long value, string message) =>
        SpecAssert.SingleError(SpecJson.Create().Set(path, value).Parse(), path, message);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 3)]
    [InlineData(100, 100)]
    public void Replication_factor_up_to_cluster_size_is_accepted(int clusterSize, int replicationFactor) =>
        SpecAssert.Valid(SpecJson.Create().Set("spec.clusterSize", clusterSize).Set("spec.replicationFactor", replicationFactor).Parse());

    [Theory]
    [InlineData("camunda/camunda:8.8.3")]
    [InlineData("camunda/zeebe")]
    [InlineData("zeebe")]
    [InlineData("docker.io/camunda/camunda:8.9.0-alpha1")]
    [InlineData("localhost:5000/zeebe:dev")]
    [InlineData("registry:5000/team/zeebe:SNAPSHOT")]
    [InlineData("123456789012.dkr.ecr.eu-west-1.amazonaws.com/camunda/camunda:8.8.3")]
    [InlineData("ghcr.io/acme/zeebe-custom__build/broker:8.8.3_1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("camunda/camunda@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Plausible_image_references_are_accepted(string image) =>
        SpecAssert.Valid(SpecJson.Create().Set("spec.image", image).Parse());

    [Fact]
    public void Image_longer_than_255_characters_is_rejected() =>
        SpecAssert.SingleError(SpecJson.Create().Set("spec.image", "camunda/" + new string('z', 248)).Parse(), "spec.image", "at most 255 characters");

    [Theory]
    [InlineData(3, 54)]
    [InlineData(10, 54)]
    [InlineData(11, 53)]
    [InlineData(100, 53)]
    public void Longest_name_still_leaves_room_for_the_broker_suffix(int clusterSize, int longestName)
    {
        SpecJson WithName(int length) => SpecJson.Create()
            .Set("spec.clusterSize", clusterSize)
            .Set("metadata.name", new string('n', length));

        SpecAssert.Valid(WithName(longestName).Parse());
        var error = SpecAssert.SingleError(WithName(longestName + 1).Parse(), "metadata.name", $"must be at most {longestName} characters");
        Assert.Contains($"-broker-{clusterSize - 1}\" must fit in a 63-character DNS label", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broker_dns_name_must_fit_253_characters()
    {
        var namespaceName = string.Join('.', Enumerable.Repeat(new string('z', 60), 4));

        var error = SpecAssert.SingleError(
            SpecJson.Create().Set("spec.serviceDiscovery.namespaceName", namespaceName).Parse(),
            "spec.serviceDiscovery.namespaceName",
            "is too long: the broker name \"orders-broker-2.zzz");
        Assert.EndsWith("must be at most 253 characters", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(256, 512)]
    [InlineData(256, 2048)]
    [InlineData(512, 1024)]
    [InlineData(512, 4096)]
    [InlineData(1024, 8192)]
    [InlineData(2048, 16384)]
    [InlineData(4096, 30720)]
    [InlineData(8192, 20480)]
    [InlineData(16384, 122880)]
    public void Valid_fargate_sizes_are_accepted(int cpu, int memory) =>
        SpecAssert.Valid(SpecJson.Create().Set("spec.resources", new JsonObject { ["cpu"] = cpu, ["memory"] = memory }).Parse());

    [Theory]
    [InlineData(256, 4096, "must be one of 512, 1024, 2048 for cpu 256 on Fargate")]
    [InlineData(512, 512, "must be 1024 to 4096 in steps of 1024 for cpu 512 on Fargate")]
    [InlineData(2048, 4608, "must be 4096 to 16384 in steps of 1024 for cpu 2048 on Fargate")]
    [InlineData(4096, 32768, "must be 8192 to 30720 in steps of 1024 for cpu 4096 on Fargate")]
    [InlineData(8192, 18432, "must be 16384 to 61440 in steps of 4096 for cpu 8192 on Fargate")]
    [InlineData(16384, 36864, "must be 32768 to 122880 in steps of 8192 for cpu 16384 on Fargate")]
    public void Fargate_memory_that_does_not_match_the_cpu_lists_what_is_allowed(int cpu, int memory, string message) =>
        SpecAssert.SingleError(
            SpecJson.Create().Set("spec.resources", new JsonObject { ["cpu"] = cpu, ["memory"] = memory }).Parse(),
            "spec.resources.memory",
            message);

    [Fact]
    public void Fargate_cpu_that_is_not_a_size_lists_the_sizes() =>
        SpecAssert.SingleError(
            SpecJson.Create().Set("spec.resources.cpu", 1536).Parse(),
            "spec.resources.cpu",
            "must be one of 256, 512, 1024, 2048, 4096, 8192, 16384 on Fargate");

    [Fact]
    public void Fargate_spot_capacity_provider_is_held_to_fargate_sizes() =>
        SpecAssert.SingleError(
            SpecJson.Create().Remove("spec.placement.launchType").Set("spec.placement.capacityProvider", "FARGATE_SPOT").Set("spec.resources.cpu", 1536).Parse(),
            "spec.resources.cpu",
            "on Fargate");

    [Fact]
    public void Ec2_and_custom_capacity_providers_accept_any_size_above_the_minimum()
    {
        SpecAssert.Valid(SpecJson.Create().Set("spec.placement.launchType", "EC2").Set("spec.resources", new JsonObject { ["cpu"] = 128, ["memory"] = 512 }).Parse());
        SpecAssert.Valid(SpecJson.Create().Remove("spec.placement.launchType").Set("spec.placement.capacityProvider", "zeebe-ec2").Set("spec.resources.cpu", 1536).Parse());
    }

    [Fact]
    public void Ec2_sizes_below_the_minimum_are_both_reported()
    {
        var result = SpecJson.Create().Set("spec.placement.launchType", "EC2").Set("spec.resources", new JsonObject { ["cpu"] = 127, ["memory"] = 511 }).Parse();

        Assert.Equal(
            [new SpecError("spec.resources.cpu", "must be at least 128 CPU units"), new SpecError("spec.resources.memory", "must be at least 512 MiB")],
            result.Errors);
    }

    [Theory]
    [InlineData("FARGATE")]
    [InlineData("EC2")]
    public void Launch_type_and_capacity_provider_together_are_rejected(string launchType) =>
        SpecAssert.SingleError(
            SpecJson.Create().Set("spec.placement.launchType", launchType).Set("spec.placement.capacityProvider", "zeebe-ec2").Parse(),
            "spec.placement.launchType",
            "must be left out when spec.placement.capacityProvider is set");

    [Fact]
    public void Capacity_provider_must_be_a_name() =>
        SpecAssert.SingleError(
            SpecJson.Create().Remove("spec.placement.launchType").Set("spec.placement.capacityProvider", "spot provider").Parse(),
            "spec.placement.capacityProvider",
            "must be a capacity provider name");

    [Fact]
    public void Public_ip_on_ec2_is_rejected() =>
        SpecAssert.SingleError(
            SpecJson.Create().Set("spec.placement.launchType", "EC2").Set("spec.placement.assignPublicIp", true).Parse(),
            "spec.placement.assignPublicIp",
            "only on Fargate");

    [Theory]
    [InlineData("subnets", "[]", "spec.placement.subnets", "must list between 1 and 16 entries")]
    [InlineData("securityGroups", "[]", "spec.placement.securityGroups", "must list between 1 and 5 entries")]
    [InlineData("subnets", "[\"subnet-0a1b2c3d\", \"subnet-0A1B2C3D\"]", "spec.placement.subnets[1]", "must be a subnet ID")]
    [InlineData("securityGroups", "[\"sg-0a1b2c3d\", \"sg-0a1b2c3d\"]", "spec.placement.securityGroups[1]", "repeats spec.placement.securityGroups[0]")]
    [InlineData("securityGroups", "[\"subnet-0a1b2c3d\"]", "spec.placement.securityGroups[0]", "must be a security group ID")]
    public void Network_lists_are_checked_item_by_item(string field, string json, string path, string message) =>
        SpecAssert.SingleError(SpecJson.Create().SetRaw($"spec.placement.{field}", json).Parse(), path, message);

    [Fact]
    public void More_than_16_subnets_are_rejected()
    {
        var subnets = new JsonArray([.. Enumerable.Range(0, 17).Select(i => (JsonNode)$"subnet-0a1b2c3d{i:x2}")]);

        SpecAssert.SingleError(SpecJson.Create().Set("spec.placement.subnets", subnets).Parse(), "spec.placement.subnets", "between 1 and 16");
    }

    [Theory]
    [InlineData("/zeebe/orders/", "must not end with '/'")]
    [InlineData("/zeebe//orders", "must not contain empty segments ('//')")]
    [InlineData("zeebe/orders", "must be an absolute path starting with '/'")]
    [InlineData("/zeebe/../orders", "such as '.' or '..'")]
    [InlineData("/a/b/c/d", "must have at most 3 levels: EFS allows 4 in an access point path and the operator adds /node-{n}")]
    public void Root_directory_follows_efs_access_point_path_rules(string rootDirectory, string message) =>
        SpecAssert.SingleError(SpecJson.Create().Set("spec.storage.rootDirectory", rootDirectory).Parse(), "spec.storage.rootDirectory", message);

    [Theory]
    [InlineData(3, 93)]
    [InlineData(11, 92)]
    [InlineData(100, 92)]
    public void Root_directory_leaves_room_for_the_deepest_node_directory(int clusterSize, int longest)
    {
        SpecJson WithRoot(int length) => SpecJson.Create()
            .Set("spec.clusterSize", clusterSize)
            .Set("spec.storage.rootDirectory", "/" + new string('d', length - 1));

        SpecAssert.Valid(WithRoot(longest).Parse());
        var error = SpecAssert.SingleError(WithRoot(longest + 1).Parse(), "spec.storage.rootDirectory", $"must be at most {longest} characters");
        Assert.Contains($"/node-{clusterSize - 1}\" must fit EFS's 100-character limit", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/zeebe/orders eu")]
    [InlineData("/data/zeebe/orders")]
    [InlineData("/zeebe/örders")]
    [InlineData("/a.b/c-d/e_f")]
    public void Root_directories_efs_accepts_are_accepted(string rootDirectory) =>
        SpecAssert.Valid(SpecJson.Create().Set("spec.storage.rootDirectory", rootDirectory).Parse());

    [Theory]
    [InlineData("aws:cost", "the key must not start with \"aws:\"")]
    [InlineData("AWS:cost", "the key must not start with \"aws:\"")]
    [InlineData("zeebe-operator/cluster", "the operator writes those tags itself")]
    [InlineData("Name", "the operator writes those tags itself")]
    [InlineData("team!", "the key may contain only letters")]
    public void Label_keys_follow_aws_tag_rules(string key, string message) =>
        SpecAssert.SingleError(
            SpecJson.Create().Set("metadata.labels", new JsonObject { [key] = "x" }).Parse(),
            Core.Spec.SpecPath.Property("metadata.labels", key),
            message);

    [Fact]
    public void Label_key_and_value_lengths_follow_aws_tag_rules()
    {
        SpecAssert.Valid(SpecJson.Create().Set("metadata.labels", new JsonObject { [new string('k', 128)] = new string('v', 256), ["empty"] = "" }).Parse());

        var result = SpecJson.Create().Set("metadata.labels", new JsonObject { [new string('k', 129)] = new string('v', 257) }).Parse();
        Assert.Equal(2, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.Message.Contains("1 to 128 characters", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Message.Contains("at most 256 characters", StringComparison.Ordinal));
    }

    [Fact]
    public void Too_many_labels_are_rejected()
    {
        var labels = new JsonObject();
        foreach (var i in Enumerable.Range(0, 41))
        {
            labels[$"label-{i}"] = "x";
        }

        SpecAssert.SingleError(SpecJson.Create().Set("metadata.labels", labels).Parse(), "metadata.labels", "at most 40 labels");
    }

    [Fact]
    public void Owned_variable_error_reads_as_documented()
    {
        var error = Assert.Single(SpecJson.Create().Set("spec.env.CAMUNDA_CLUSTER_NODEID", "1").Parse().Errors);

        Assert.Equal(
            "spec.env.CAMUNDA_CLUSTER_NODEID: is set by the operator and cannot be overridden: Camunda reads it as the broker's node ID",
            error.ToString());
    }

    [Theory]
    [InlineData("1JAVA_OPTS", "spec.env[\"1JAVA_OPTS\"]")]
    [InlineData("JAVA-OPTS", "spec.env.JAVA-OPTS")]
    [InlineData("JAVA OPTS", "spec.env[\"JAVA OPTS\"]")]
    [InlineData("", "spec.env[\"\"]")]
    public void Env_names_must_be_shell_names(string name, string path) =>
        SpecAssert.SingleError(SpecJson.Create().Set("spec.env", new JsonObject { [name] = "x" }).Parse(), path, "must be an environment variable name");

    [Fact]
    public void Env_values_up_to_32_kib_are_accepted() =>
        SpecAssert.Valid(SpecJson.Create().Set("spec.env.BIG", new string('x', SpecLimits.MaxEnvValueLength)).Parse());

    [Theory]
    [InlineData("0 0 2 ? * SUN")]
    [InlineData("0 0/30 1-3 ? * MON-FRI")]
    [InlineData("0 15 10 L * ? 2030")]
    [InlineData("0 0 4 ? * 6#3")]
    public void Quartz_schedules_are_accepted(string schedule) =>
        SpecAssert.Valid(SpecJson.Create().Set("spec.updateStrategy.maintenanceWindow.schedule", schedule).Parse());

    [Theory]
    [InlineData("PT1S")]
    [InlineData("PT90M")]
    [InlineData("P1D")]
    [InlineData("PT23H59M59.5S")]
    public void Maintenance_windows_up_to_a_day_are_accepted(string duration) =>
        SpecAssert.Valid(SpecJson.Create().Set("spec.updateStrategy.maintenanceWindow.duration", duration).Parse());

    [Fact]
    public void Validator_checks_documents_built_in_code_too()
    {
        var valid = SpecAssert.Valid(SpecJson.Create().Parse());
        var broken = valid with
        {
            Spec = valid.Spec with
            {
                ReplicationFactor = 5,
                Placement = valid.Spec.Placement with { CapacityProvider = "zeebe-ec2", LaunchType = LaunchType.Ec2 },
                Env = new Dictionary<string, string> { ["zeebe_broker_cluster_nodeid"] = "0" },
            },
        };

        Assert.Empty(SpecValidator.Validate(valid));
        Assert.Equal(
            ["spec.env.zeebe_broker_cluster_nodeid", "spec.placement.launchType", "spec.replicationFactor"],
            SpecValidator.Validate(broken).Select(e => e.Path).Order(StringComparer.Ordinal));
    }
}

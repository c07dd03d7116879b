using System.Text.Json.Nodes;
using ZeebeOperator.Aws.DynamoDb;
using ZeebeOperator.Core.Desired;

namespace ZeebeOperator.Aws.Tests.Deployment;

/// <summary><c>samples/deploy/operator.cfn.json</c>: consistent in itself and with the other samples and the adapters.</summary>
public sealed class CloudFormationTemplateTests
{
    private static readonly JsonObject Template = DeploySamples.Template;
    private static readonly JsonObject Resources = Template["Resources"]!.AsObject();
    private static readonly JsonObject Parameters = Template["Parameters"]!.AsObject();

    /// <summary>What the template evaluates to when deployed with the values the other samples are written for.</summary>
    private static readonly Dictionary<string, JsonNode> SampleValues = new(StringComparer.Ordinal)
    {
        ["AWS::Region"] = DeploySamples.Region,
        ["AWS::AccountId"] = DeploySamples.AccountId,
        ["AWS::StackName"] = "zeebe-operator",
        ["Cluster"] = DeploySamples.Cluster,
        ["SpecPrefix"] = "clusters/",
        ["SpecBucket"] = "my-zeebe-specs",
        ["OperatorTable"] = "zeebe-operator",
        ["BrokerRoleArns"] = new JsonArray("arn:aws:iam::123456789012:role/zeebe-orders-execution", "arn:aws:iam::123456789012:role/zeebe-orders-task"),
        ["Subnets"] = new JsonArray("subnet-0123456789abcdef0", "subnet-0fedcba9876543210"),
        ["SecurityGroup"] = "sg-0123456789abcdef0",
        ["NamespaceHostedZoneId"] = "Z0123456789ABCDEFGHIJ",
        ["Image"] = "123456789012.dkr.ecr.eu-central-1.amazonaws.com/zeebe-operator:1.0.0",
        ["LogGroup"] = "/ecs/zeebe-operator",
        ["TaskDefinition"] = "zeebe-operator",
        ["TaskRole.Arn"] = "arn:aws:iam::123456789012:role/zeebe-operator-task",
        ["ExecutionRole.Arn"] = "arn:aws:iam::123456789012:role/zeebe-operator-execution",
        ["EventsQueue"] = "https://sqs.eu-central-1.amazonaws.com/123456789012/zeebe-operator-events",
        ["EventsQueue.Arn"] = "arn:aws:sqs:eu-central-1:123456789012:zeebe-operator-events",
        ["EcsEventsRule.Arn"] = "arn:aws:events:eu-central-1:123456789012:rule/zeebe-operator-EcsEventsRule",
        ["SpecEventsRule.Arn"] = "arn:aws:events:eu-central-1:123456789012:rule/zeebe-operator-SpecEventsRule",
        ["HasNotifyQueue"] = true,
        ["NotificationsQueue"] = "https://sqs.eu-central-1.amazonaws.com/123456789012/zeebe-operator-notifications",
        ["NotificationsQueue.Arn"] = "arn:aws:sqs:eu-central-1:123456789012:zeebe-operator-notifications",
    };

    [Fact]
    public void Every_reference_names_a_parameter_resource_or_pseudo_parameter_and_every_parameter_is_used()
    {
        var references = CloudFormation.References(Resources)
            .Concat(CloudFormation.References(Template["Outputs"]))
            .Concat(CloudFormation.References(Template["Conditions"]))
            .ToList();

        Assert.All(references, name =>
        {
            var logicalName = name.Split('.')[0];
            Assert.True(
                Parameters.ContainsKey(logicalName) || Resources.ContainsKey(logicalName) || CloudFormation.PseudoParameters.Contains(logicalName),
                $"{name} is neither a parameter, a resource nor a pseudo parameter");
        });
        Assert.All(Parameters.Select(p => p.Key), parameter => Assert.Contains(parameter, references));
        Assert.All(
            Resources.SelectMany(r => DeploySamples.Strings(r.Value!["DependsOn"])),
            dependency => Assert.True(Resources.ContainsKey(dependency), $"DependsOn {dependency}"));
        Assert.All(
            CloudFormation.ConditionNames(Resources),
            condition => Assert.True(Template["Conditions"]?.AsObject().ContainsKey(condition), $"Fn::If names no condition {condition}"));
    }

    [Fact]
    public void An_ALB_forwards_REST_and_an_NLB_forwards_gRPC_to_ip_target_groups_on_the_broker_ports()
    {
        var rest = ForwardedTargetGroup("application");
        var grpc = ForwardedTargetGroup("network");

        Assert.Equal(("HTTP", BrokerPorts.Rest, "ip"), ((string)rest["Protocol"]!, (int)rest["Port"]!, (string)rest["TargetType"]!));
        Assert.Equal(("TCP", BrokerPorts.Gateway, "ip"), ((string)grpc["Protocol"]!, (int)grpc["Port"]!, (string)grpc["TargetType"]!));
        var grpcListener = ListenerOf("network");
        Assert.Equal(("TCP", BrokerPorts.Gateway), ((string)grpcListener["Protocol"]!, (int)grpcListener["Port"]!));

        // HTTPS on 443 with a certificate, HTTP on 80 without.
        var restListener = ListenerOf("application");
        Assert.Equal(["HasCertificate", "HTTPS", "HTTP"], DeploySamples.Strings(restListener["Protocol"]!["Fn::If"]));
        Assert.Equal("[\"HasCertificate\",443,80]", restListener["Port"]!["Fn::If"]!.ToJsonString());
        Assert.Equal(["CertificateArn"], CloudFormation.References(restListener["Certificates"]!["Fn::If"]![1]).ToList());

        foreach (var type in new[] { "application", "network" })
        {
            var loadBalancer = LoadBalancer(type)["Properties"]!;
            Assert.Equal("LoadBalancerScheme", (string?)loadBalancer["Scheme"]!["Ref"]);
        }

        Assert.Equal(["internal", "internet-facing"], DeploySamples.Strings(Parameters["LoadBalancerScheme"]!["AllowedValues"]));
    }

    [Fact]
    public void Target_groups_route_only_to_ready_brokers_and_drain_for_an_explicit_delay()
    {
        foreach (var targetGroup in new[] { ForwardedTargetGroup("application"), ForwardedTargetGroup("network") })
        {
            // The readiness the operator itself waits for (and the gateway name uses), on the management port.
            Assert.Equal(
                ("HTTP", BrokerPorts.Management.ToString(System.Globalization.CultureInfo.InvariantCulture), "/actuator/health/readiness", "200"),
                ((string)targetGroup["HealthCheckProtocol"]!, (string)targetGroup["HealthCheckPort"]!, (string)targetGroup["HealthCheckPath"]!, (string)targetGroup["Matcher"]!["HttpCode"]!));

            // ELB's default is 300 s; the sample sets it (0-3600 s) so a rolling update waits only as long as clients need.
            var delay = targetGroup["TargetGroupAttributes"]!.AsArray().Single(a => (string?)a!["Key"] == "deregistration_delay.timeout_seconds")!;
            Assert.InRange(int.Parse((string)delay["Value"]!, System.Globalization.CultureInfo.InvariantCulture), 0, 299);
        }
    }

    [Fact]
    public void Load_balancers_reach_the_brokers_on_the_ports_they_forward_to_and_check_and_accept_clients_on_the_listener_ports()
    {
        var targetGroups = new[] { ForwardedTargetGroup("application"), ForwardedTargetGroup("network") };
        var needed = targetGroups.SelectMany(tg => new[] { (int)tg["Port"]!, int.Parse((string)tg["HealthCheckPort"]!, System.Globalization.CultureInfo.InvariantCulture) }).ToHashSet();
        var brokerIngress = OfType("AWS::EC2::SecurityGroupIngress").Select(r => r["Properties"]!).ToList();

        Assert.All(brokerIngress, rule =>
        {
            Assert.Equal(("BrokerSecurityGroup", "LoadBalancerSecurityGroup", "tcp"), ((string)rule["GroupId"]!["Ref"]!, (string)rule["SourceSecurityGroupId"]!["Ref"]!, (string)rule["IpProtocol"]!));
            Assert.Equal((int)rule["FromPort"]!, (int)rule["ToPort"]!);
        });
        Assert.Equal(needed.Order(), brokerIngress.Select(r => (int)r["FromPort"]!).Order());
        Assert.All(new[] { "application", "network" }, type =>
            Assert.Equal(["LoadBalancerSecurityGroup"], CloudFormation.References(LoadBalancer(type)["Properties"]!["SecurityGroups"]).ToList()));

        var clientIngress = Resources["LoadBalancerSecurityGroup"]!["Properties"]!["SecurityGroupIngress"]!.AsArray();
        Assert.All(clientIngress, rule => Assert.Equal("ClientCidr", (string?)rule!["CidrIp"]!["Ref"]));
        Assert.Equal(
            new[] { ListenerOf("application")["Port"]!, ListenerOf("network")["Port"]! }.Select(p => p.ToJsonString()).Order(StringComparer.Ordinal),
            clientIngress.Select(r => r!["FromPort"]!.ToJsonString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Outputs_give_each_target_group_with_the_container_port_a_spec_lists_it_under()
    {
        var outputs = Template["Outputs"]!.AsObject()
            .Where(o => o.Value!["Value"]!["Ref"] is { } r && (string?)Resources[(string)r!]?["Type"] == "AWS::ElasticLoadBalancingV2::TargetGroup")
            .ToList();
        var sampleSpecPorts = DeploySamples.Repository("samples/orders.json")["spec"]!["clientAccess"]!["targetGroups"]!.AsArray().Select(t => (int)t!["containerPort"]!);

        Assert.Equal(2, outputs.Count);
        Assert.All(outputs, o =>
        {
            var port = (int)Resources[(string)o.Value!["Value"]!["Ref"]!]!["Properties"]!["Port"]!;
            Assert.Contains($"\"containerPort\": {port} ", (string)o.Value["Description"]!, StringComparison.Ordinal);
        });
        Assert.Equal(
            sampleSpecPorts.Order(),
            outputs.Select(o => (int)Resources[(string)o.Value!["Value"]!["Ref"]!]!["Properties"]!["Port"]!).Order());
    }

    [Fact]
    public void Table_has_the_adapters_key_schema_index_and_TTL()
    {
        var table = Resources["OperatorTable"]!;
        var properties = table["Properties"]!.AsObject();

        Assert.Equal("AWS::DynamoDB::Table", (string?)table["Type"]);
        Assert.Equal(
            [(OperatorTable.PartitionKey, "HASH"), (OperatorTable.SortKey, "RANGE")],
            properties["KeySchema"]!.AsArray().Select(k => ((string)k!["AttributeName"]!, (string)k["KeyType"]!)));
        var index = Assert.Single(properties["GlobalSecondaryIndexes"]!.AsArray())!;
        Assert.Equal(OperatorTable.StatusIndexName, (string?)index["IndexName"]);
        Assert.Equal(
            [(OperatorTable.StatusIndexPartitionKey, "HASH"), (OperatorTable.StatusIndexSortKey, "RANGE")],
            index["KeySchema"]!.AsArray().Select(k => ((string)k!["AttributeName"]!, (string)k["KeyType"]!)));
        Assert.Equal(OperatorTable.TimeToLiveAttribute, (string?)properties["TimeToLiveSpecification"]!["AttributeName"]);
        Assert.True((bool)properties["TimeToLiveSpecification"]!["Enabled"]!);
        Assert.Equal("Retain", (string?)table["DeletionPolicy"]);

        // The same table as the stand-alone template (samples/aws) describes.
        var standalone = DeploySamples.Repository("samples/aws/dynamodb-table.json")["Resources"]!["OperatorTable"]!;
        Assert.True(JsonNode.DeepEquals(standalone, table), "operator.cfn.json's table differs from samples/aws/dynamodb-table.json");
    }

    [Fact]
    public void Spec_bucket_is_versioned_encrypted_private_and_TLS_only()
    {
        var bucket = Resources["SpecBucket"]!;
        var properties = bucket["Properties"]!;

        Assert.Equal("Enabled", (string?)properties["VersioningConfiguration"]!["Status"]);
        Assert.NotNull(properties["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!["SSEAlgorithm"]);
        var block = properties["PublicAccessBlockConfiguration"]!.AsObject();
        Assert.Equal(4, block.Count);
        Assert.All(block, setting => Assert.True((bool)setting.Value!, setting.Key));
        Assert.Equal("Retain", (string?)bucket["DeletionPolicy"]);
        var deny = Resources["SpecBucketPolicy"]!["Properties"]!["PolicyDocument"]!["Statement"]![0]!;
        Assert.Equal(("Deny", "false"), ((string)deny["Effect"]!, (string)deny["Condition"]!["Bool"]!["aws:SecureTransport"]!));
    }

    [Fact]
    public void Task_role_carries_exactly_the_sample_IAM_policy()
    {
        var role = Resources["TaskRole"]!["Properties"]!;
        var policy = Assert.Single(role["Policies"]!.AsArray())!["PolicyDocument"];

        Assert.True(JsonNode.DeepEquals(DeploySamples.Policy, CloudFormation.Evaluate(policy, SampleValues)), "the task role's policy differs from operator-iam-policy.json");
        Assert.All(
            new[] { "TaskRole", "ExecutionRole" },
            name => Assert.Equal("ecs-tasks.amazonaws.com", (string?)Resources[name]!["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]![0]!["Principal"]!["Service"]));
    }

    [Fact]
    public void Task_definition_and_service_are_the_sample_ones()
    {
        var taskDefinition = Camel(CloudFormation.Evaluate(Resources["TaskDefinition"]!["Properties"], SampleValues))!.AsObject();
        var service = Camel(CloudFormation.Evaluate(Resources["Service"]!["Properties"], SampleValues))!.AsObject();

        Assert.True(JsonNode.DeepEquals(WithoutTags(DeploySamples.TaskDefinition), taskDefinition), $"task definition differs:\n{taskDefinition}");
        Assert.True(JsonNode.DeepEquals(WithoutTags(DeploySamples.Service), WithoutTags(service)), $"service differs:\n{service}");
        Assert.Equal("TaskDefinition", (string?)Resources["Service"]!["Properties"]!["TaskDefinition"]!["Ref"]);
    }

    [Fact]
    public void Execution_role_may_write_exactly_the_log_group_the_container_logs_to()
    {
        var container = Resources["TaskDefinition"]!["Properties"]!["ContainerDefinitions"]![0]!;
        var statements = Resources["ExecutionRole"]!["Properties"]!["Policies"]![0]!["PolicyDocument"]!["Statement"]!.AsArray();
        var logs = statements.Single(s => DeploySamples.Strings(s!["Action"]).Any(a => a.StartsWith("logs:", StringComparison.Ordinal)))!;

        Assert.Equal("LogGroup", (string?)container["LogConfiguration"]!["Options"]!["awslogs-group"]!["Ref"]);
        Assert.Equal(["LogGroup.Arn"], CloudFormation.References(logs["Resource"]));
        Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], DeploySamples.Strings(logs["Action"]));
    }

    [Fact]
    public void ECS_and_spec_events_reach_the_queue_the_operator_consumes_and_only_from_its_rules()
    {
        var ecs = CloudFormation.Evaluate(Resources["EcsEventsRule"]!["Properties"], SampleValues)!;
        var specs = CloudFormation.Evaluate(Resources["SpecEventsRule"]!["Properties"], SampleValues)!;
        var queueArn = SampleValues["EventsQueue.Arn"].GetValue<string>();

        Assert.Equal(["aws.ecs"], DeploySamples.Strings(ecs["EventPattern"]!["source"]));
        Assert.Equal(["ECS Task State Change", "ECS Service Action", "ECS Deployment State Change"], DeploySamples.Strings(ecs["EventPattern"]!["detail-type"]));
        Assert.Equal(
            [$"arn:aws:ecs:{DeploySamples.Region}:{DeploySamples.AccountId}:task/{DeploySamples.Cluster}/", $"arn:aws:ecs:{DeploySamples.Region}:{DeploySamples.AccountId}:service/{DeploySamples.Cluster}/"],
            ecs["EventPattern"]!["resources"]!.AsArray().Select(r => (string)r!["prefix"]!));
        Assert.Equal(["aws.s3"], DeploySamples.Strings(specs["EventPattern"]!["source"]));
        Assert.Equal(["Object Created", "Object Deleted"], DeploySamples.Strings(specs["EventPattern"]!["detail-type"]));
        Assert.Equal(DeploySamples.Environment["Aws__SpecBucket"], (string?)specs["EventPattern"]!["detail"]!["bucket"]!["name"]![0]);
        Assert.Equal(DeploySamples.Environment["Aws__SpecPrefix"], (string?)specs["EventPattern"]!["detail"]!["object"]!["key"]![0]!["prefix"]);
        Assert.True((bool)Resources["SpecBucket"]!["Properties"]!["NotificationConfiguration"]!["EventBridgeConfiguration"]!["EventBridgeEnabled"]!);
        Assert.All(new[] { ecs, specs }, rule => Assert.Equal(queueArn, (string?)Assert.Single(rule["Targets"]!.AsArray())!["Arn"]));

        var send = Assert.Single(CloudFormation.Evaluate(Resources["EventsQueuePolicy"]!["Properties"], SampleValues)!["PolicyDocument"]!["Statement"]!.AsArray())!;
        Assert.Equal(("Allow", "events.amazonaws.com", "sqs:SendMessage", queueArn), ((string)send["Effect"]!, (string)send["Principal"]!["Service"]!, (string)send["Action"]!, (string)send["Resource"]!));
        Assert.Equal(
            [SampleValues["EcsEventsRule.Arn"].GetValue<string>(), SampleValues["SpecEventsRule.Arn"].GetValue<string>()],
            DeploySamples.Strings(send["Condition"]!["ArnEquals"]!["aws:SourceArn"]));

        // The operator reads the queue the rules feed: the URL in its environment is the queue's.
        Assert.Equal(SampleValues["EventsQueue"].GetValue<string>(), DeploySamples.Environment["Events__QueueUrl"]);
        Assert.Equal(queueArn, (string?)DeploySamples.Policy["Statement"]!.AsArray().Single(st => (string?)st!["Sid"] == "ConsumeEvents")!["Resource"]![0]);
    }

    [Fact]
    public void The_notifications_queue_is_optional_and_with_it_come_its_URL_and_only_SendMessage_on_it()
    {
        var without = new Dictionary<string, JsonNode>(SampleValues) { ["HasNotifyQueue"] = false };
        var policyWithout = CloudFormation.Evaluate(Resources["TaskRole"]!["Properties"]!["Policies"]![0]!["PolicyDocument"], without)!;
        var environmentWithout = CloudFormation.Evaluate(Resources["TaskDefinition"]!["Properties"]!["ContainerDefinitions"]![0]!["Environment"], without)!.AsArray();

        Assert.Equal("HasNotifyQueue", (string?)Resources["NotificationsQueue"]!["Condition"]);
        Assert.Equal("false", (string?)Parameters["NotifyQueue"]!["Default"]);
        Assert.DoesNotContain(policyWithout["Statement"]!.AsArray(), st => (string?)st!["Sid"] == "PublishNotifications");
        Assert.DoesNotContain(environmentWithout, e => (string?)e!["Name"] == "Notify__QueueUrl");
        Assert.Equal(DeploySamples.Environment.Count - 1, environmentWithout.Count);

        // With it: the URL the operator is given is the queue's, and the policy lets it send to that queue only.
        Assert.Equal(SampleValues["NotificationsQueue"].GetValue<string>(), DeploySamples.Environment["Notify__QueueUrl"]);
        var publish = DeploySamples.Policy["Statement"]!.AsArray().Single(st => (string?)st!["Sid"] == "PublishNotifications")!;
        Assert.Equal(["sqs:SendMessage", "sqs:GetQueueAttributes"], DeploySamples.Strings(publish["Action"]));
        Assert.Equal([SampleValues["NotificationsQueue.Arn"].GetValue<string>()], DeploySamples.Strings(publish["Resource"]));
    }

    private static IEnumerable<JsonNode> OfType(string type) => Resources.Select(r => r.Value!).Where(r => (string?)r["Type"] == type);

    private static JsonNode LoadBalancer(string type) =>
        Assert.Single(OfType("AWS::ElasticLoadBalancingV2::LoadBalancer"), lb => (string?)lb["Properties"]!["Type"] == type);

    private static JsonNode ListenerOf(string loadBalancerType)
    {
        var name = Resources.Single(r => ReferenceEquals(r.Value, LoadBalancer(loadBalancerType))).Key;
        return Assert.Single(OfType("AWS::ElasticLoadBalancingV2::Listener"), l => (string?)l["Properties"]!["LoadBalancerArn"]!["Ref"] == name)["Properties"]!;
    }

    /// <summary>The properties of the target group the load balancer's listener forwards everything to.</summary>
    private static JsonNode ForwardedTargetGroup(string loadBalancerType)
    {
        var action = Assert.Single(ListenerOf(loadBalancerType)["DefaultActions"]!.AsArray())!;
        Assert.Equal("forward", (string?)action["Type"]);
        var targetGroup = Resources[(string)action["TargetGroupArn"]!["Ref"]!]!;
        Assert.Equal("AWS::ElasticLoadBalancingV2::TargetGroup", (string?)targetGroup["Type"]);
        return targetGroup["Properties"]!;
    }

    /// <summary>The samples carry a Name tag; the template leaves tagging to the stack (CloudFormation tags its resources).</summary>
    private static JsonObject WithoutTags(JsonObject node)
    {
        var copy = node.DeepClone().AsObject();
        copy.Remove("tags");
        return copy;
    }

    /// <summary>CloudFormation's PascalCase property names as the API's camelCase members.</summary>
    private static JsonNode? Camel(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(char.ToLowerInvariant(p.Key[0]) + p.Key[1..], Camel(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Camel)]),
        _ => node?.DeepClone(),
    };
}

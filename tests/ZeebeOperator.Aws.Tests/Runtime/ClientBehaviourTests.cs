using ZeebeOperator.Aws.Tests.Contract;
using ZeebeOperator.Aws.Tests.Infrastructure;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Aws.Tests.Runtime;

/// <summary>Error mapping, retries and paging of the hand-written clients, through the real SDK pipeline.</summary>
public sealed class ClientBehaviourTests
{
    [Theory]
    [InlineData("ECS", "ServiceNotFoundException", 400, AwsErrorKind.NotFound)]
    [InlineData("ECS", "ClusterNotFoundException", 400, AwsErrorKind.NotFound)]
    [InlineData("ECS", "InvalidParameterException", 400, AwsErrorKind.InvalidParameter)]
    [InlineData("ECS", "AccessDeniedException", 400, AwsErrorKind.AccessDenied)]
    [InlineData("ECS", "ServiceNotActiveException", 400, AwsErrorKind.Conflict)]
    [InlineData("ServiceDiscovery", "ResourceInUse", 400, AwsErrorKind.Conflict)]
    [InlineData("ServiceDiscovery", "ServiceNotFound", 400, AwsErrorKind.NotFound)]
    [InlineData("ServiceDiscovery", "ServiceAlreadyExists", 400, AwsErrorKind.AlreadyExists)]
    public async Task Json_rpc_error_codes_map_to_kinds(string service, string code, int status, AwsErrorKind kind)
    {
        var body = $"{{\"__type\":\"com.amazonaws.ecs#{code}\",\"message\":\"{code} happened\"}}";
        var error = await Assert.ThrowsAsync<AwsApiException>(() => Capture.RunAsync(
            f => service == "ECS" ? f.CreateEcs().DeleteServiceAsync(Samples.Cluster, "orders-broker-1", default) : f.CreateServiceDiscovery().DeleteServiceAsync("srv-1", default),
            body,
            status));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal($"{code} happened", error.ErrorMessage);
        Assert.Equal(service, error.Service);
    }

    [Fact]
    public async Task Unknown_task_definition_is_not_found()
    {
        var error = await Assert.ThrowsAsync<AwsApiException>(() => Capture.RunAsync(
            f => f.CreateEcs().DescribeTaskDefinitionAsync("orders-broker-9", default),
            "{\"__type\":\"ClientException\",\"message\":\"Unable to describe task definition.\"}",
            400));

        Assert.Equal(AwsErrorKind.NotFound, error.Kind);
        Assert.Equal("ClientException", error.ErrorCode);
    }

    [Theory]
    [InlineData("AccessPointNotFound", 404, AwsErrorKind.NotFound)]
    [InlineData("FileSystemNotFound", 404, AwsErrorKind.NotFound)]
    [InlineData("AccessPointAlreadyExists", 409, AwsErrorKind.AlreadyExists)]
    [InlineData("IncorrectFileSystemLifeCycleState", 409, AwsErrorKind.Conflict)]
    [InlineData("BadRequest", 400, AwsErrorKind.InvalidParameter)]
    public async Task Rest_json_error_codes_come_from_the_error_type_header(string code, int status, AwsErrorKind kind)
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(
            status,
            $"{{\"ErrorCode\":\"{code}\",\"Message\":\"nope\"}}",
            new Dictionary<string, string> { ["x-amzn-ErrorType"] = $"{code}:http://internal.amazon.com/coral/com.amazonaws.efs/" },
            "application/json"));

        var error = await Assert.ThrowsAsync<AwsApiException>(() => Capture.Factory(server.Url).CreateElasticFileSystem().DeleteAccessPointAsync(Samples.AccessPointId, default));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal("nope", error.ErrorMessage);
    }

    [Fact]
    public async Task By_default_a_call_is_one_attempt_so_a_throttle_reaches_the_operator_s_own_retry()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"));

        var error = await Assert.ThrowsAsync<AwsApiException>(() => Capture.Factory(server.Url).CreateEcs().ListTasksAsync(Samples.Cluster, "orders-broker-1", default));

        Assert.Equal(AwsErrorKind.Throttled, error.Kind);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Raised_Aws_MaxErrorRetry_lets_the_standard_retry_policy_retry_throttling()
    {
        var attempts = 0;
        await using var server = new LoopbackHttpServer(_ => ++attempts < 3
            ? new CannedResponse(400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")
            : CannedResponse.Json("{\"taskArns\":[\"arn:aws:ecs:eu-west-1:123456789012:task/zeebe/1\"]}"));
        var options = Capture.Options(server.Url);
        options.MaxErrorRetry = 3;
        var factory = new AwsClientFactory(Microsoft.Extensions.Options.Options.Create(options), new Amazon.Runtime.BasicAWSCredentials(Capture.AccessKey, "secret"));

        var tasks = await factory.CreateEcs().ListTasksAsync(Samples.Cluster, "orders-broker-1", default);

        Assert.Single(tasks);
        Assert.Equal(3, server.Requests.Count);
        Assert.Contains("attempt=3", server.Requests.Last().Header("amz-sdk-request"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    public async Task Aws_MaxErrorRetry_bounds_the_attempts_of_every_client(int retries)
    {
        await using var server = new LoopbackHttpServer(request => request.Header("X-Amz-Target")!.StartsWith("DynamoDB_", StringComparison.Ordinal)
            ? new CannedResponse(500, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"busy\"}", null, "application/x-amz-json-1.0")
            : new CannedResponse(500, "{\"__type\":\"ServerException\",\"message\":\"busy\"}"));
        var options = Capture.Options(server.Url);
        options.MaxErrorRetry = retries;
        var factory = new AwsClientFactory(Microsoft.Extensions.Options.Options.Create(options), new Amazon.Runtime.BasicAWSCredentials(Capture.AccessKey, "secret"));

        await Assert.ThrowsAsync<AwsApiException>(() => factory.CreateEcs().ListTasksAsync(Samples.Cluster, "orders-broker-1", default));
        await Assert.ThrowsAnyAsync<Amazon.Runtime.AmazonServiceException>(() => factory.CreateDynamoDb().DescribeTableAsync("zeebe-operator"));

        Assert.Equal(2 * (retries + 1), server.Requests.Count);
    }

    [Fact]
    public void Aws_Timeout_and_MaxErrorRetry_reach_every_client_config()
    {
        var options = Capture.Options("http://127.0.0.1:1");
        options.MaxErrorRetry = 5;
        options.Timeout = TimeSpan.FromSeconds(7);
        var factory = new AwsClientFactory(Microsoft.Extensions.Options.Options.Create(options));

        Amazon.Runtime.IClientConfig[] configs =
        [
            factory.CreateS3().Config,
            factory.CreateDynamoDb().Config,
            factory.CreateHandWritten(Aws.Runtime.AwsServiceDescriptor.Ecs).Config,
            factory.CreateHandWritten(Aws.Runtime.AwsServiceDescriptor.ServiceDiscovery).Config,
            factory.CreateHandWritten(Aws.Runtime.AwsServiceDescriptor.ElasticFileSystem).Config,
        ];

        Assert.All(configs, config =>
        {
            Assert.Equal(5, config.MaxErrorRetry);
            Assert.Equal(TimeSpan.FromSeconds(7), config.Timeout);
            Assert.Equal("http://127.0.0.1:1", config.ServiceURL?.TrimEnd('/'));
        });
    }

    [Fact]
    public async Task Persistent_server_errors_are_service_unavailable()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(503, "{\"__type\":\"ServerException\",\"message\":\"busy\"}"));

        var error = await Assert.ThrowsAsync<AwsApiException>(() => Capture.Factory(server.Url).CreateEcs().ListTasksAsync(Samples.Cluster, "orders-broker-1", default));

        Assert.Equal(AwsErrorKind.ServiceUnavailable, error.Kind);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task Describe_services_leaves_out_missing_services_and_maps_the_rest()
    {
        const string Answer = """
            {"services":[{"serviceArn":"arn:aws:ecs:eu-west-1:123456789012:service/zeebe/orders-broker-0","serviceName":"orders-broker-0",
              "clusterArn":"arn:aws:ecs:eu-west-1:123456789012:cluster/zeebe","status":"ACTIVE","taskDefinition":"arn:aws:ecs:eu-west-1:123456789012:task-definition/orders-broker-0:3",
              "desiredCount":1,"runningCount":1,"pendingCount":0,"launchType":"FARGATE",
              "networkConfiguration":{"awsvpcConfiguration":{"subnets":["subnet-0a1b2c3d"],"securityGroups":["sg-1"],"assignPublicIp":"DISABLED"}},
              "deploymentConfiguration":{"deploymentCircuitBreaker":{"enable":true,"rollback":false},"maximumPercent":100,"minimumHealthyPercent":0},
              "serviceRegistries":[{"registryArn":"arn:aws:servicediscovery:eu-west-1:123456789012:service/srv-1"}],
              "deployments":[{"id":"ecs-svc/1","status":"PRIMARY","taskDefinition":"arn:td:3","desiredCount":1,"runningCount":1,"pendingCount":0,"rolloutState":"COMPLETED"}],
              "tags":[{"key":"zeebe-operator/cluster","value":"orders"}]}],
             "failures":[{"arn":"arn:aws:ecs:eu-west-1:123456789012:service/zeebe/orders-broker-1","reason":"MISSING"}]}
            """;
        var (services, _) = await Capture.RunAsync(f => f.CreateEcs().DescribeServicesAsync(Samples.Cluster, ["orders-broker-0", "orders-broker-1"], default), Answer);

        var service = Assert.Single(services);
        Assert.True(service.IsActive);
        Assert.Equal(100, service.DeploymentConfiguration.MaximumPercent);
        Assert.Equal(0, service.DeploymentConfiguration.MinimumHealthyPercent);
        Assert.False(service.NetworkConfiguration!.AssignPublicIp);
        Assert.Equal("orders", service.Tags["zeebe-operator/cluster"]);
        Assert.Equal("COMPLETED", service.Deployments[0].RolloutState);
    }

    [Theory]
    [InlineData("taskArns", "\"desiredStatus\":\"RUNNING\"")]
    [InlineData("taskDefinitionArns", "\"familyPrefix\":\"orders-broker-1\",\"status\":\"ACTIVE\"")]
    public async Task Listings_follow_next_tokens(string member, string filter)
    {
        var pages = new Queue<string>([$"{{\"{member}\":[\"a\",\"b\"],\"nextToken\":\"t2\"}}", $"{{\"{member}\":[\"c\"]}}"]);
        await using var server = new LoopbackHttpServer(_ => CannedResponse.Json(pages.Dequeue()));
        var ecs = Capture.Factory(server.Url).CreateEcs();

        var listed = member == "taskArns"
            ? await ecs.ListTasksAsync(Samples.Cluster, "orders-broker-1", default)
            : await ecs.ListTaskDefinitionsAsync("orders-broker-1", default);

        Assert.Equal(["a", "b", "c"], listed);
        Assert.Contains("\"nextToken\":\"t2\"", server.Requests.Last().BodyText, StringComparison.Ordinal);
        Assert.Contains(filter, server.Requests.First().BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_tasks_reads_the_eni_address_and_start_time()
    {
        const string Answer = """
            {"tasks":[{"taskArn":"arn:task/1","taskDefinitionArn":"arn:td:3","group":"service:orders-broker-1","lastStatus":"RUNNING",
              "desiredStatus":"RUNNING","healthStatus":"HEALTHY","startedAt":1741944413.25,
              "attachments":[{"type":"ElasticNetworkInterface","details":[{"name":"privateIPv4Address","value":"10.0.1.17"}]}]}],"failures":[]}
            """;
        var (tasks, _) = await Capture.RunAsync(f => f.CreateEcs().DescribeTasksAsync(Samples.Cluster, ["arn:task/1"], default), Answer);

        var task = Assert.Single(tasks);
        Assert.Equal("10.0.1.17", task.PrivateIpv4Address);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1741944413250), task.StartedAt);
        Assert.Equal("service:orders-broker-1", task.Group);
    }

    [Fact]
    public async Task Describe_tasks_reads_where_a_bridge_task_runs_and_the_host_ports_of_its_containers()
    {
        const string Answer = """
            {"tasks":[{"taskArn":"arn:task/2","taskDefinitionArn":"arn:td:1","group":"service:listener","lastStatus":"RUNNING","desiredStatus":"RUNNING",
              "launchType":"EC2","containerInstanceArn":"arn:aws:ecs:eu-west-1:123456789012:container-instance/zeebe/0a1b",
              "containers":[{"name":"listener","networkBindings":[{"bindIP":"0.0.0.0","containerPort":8080,"hostPort":49153,"protocol":"tcp"}]}]}],"failures":[]}
            """;
        var (tasks, _) = await Capture.RunAsync(f => f.CreateEcs().DescribeTasksAsync(Samples.Cluster, ["arn:task/2"], default), Answer);

        var task = Assert.Single(tasks);
        Assert.Equal(("EC2", "arn:aws:ecs:eu-west-1:123456789012:container-instance/zeebe/0a1b", null), (task.LaunchType, task.ContainerInstanceArn, task.PrivateIpv4Address));
        Assert.Equal(new NetworkBinding(8080, 49153, "tcp", "0.0.0.0"), Assert.Single(Assert.Single(task.Containers!, c => c.Name == "listener").NetworkBindings));
    }

    [Fact]
    public async Task Describe_container_instances_reads_their_EC2_instances_and_the_ones_ECS_does_not_know()
    {
        const string Answer = """
            {"containerInstances":[{"containerInstanceArn":"arn:aws:ecs:eu-west-1:123456789012:container-instance/zeebe/0a1b","ec2InstanceId":"i-0a1b2c3d4e5f60718","status":"ACTIVE"}],
             "failures":[{"arn":"arn:aws:ecs:eu-west-1:123456789012:container-instance/zeebe/ffff","reason":"MISSING"}]}
            """;
        var (result, request) = await Capture.RunAsync(
            f => f.CreateEcs().DescribeContainerInstancesAsync(Samples.Cluster, ["arn:aws:ecs:eu-west-1:123456789012:container-instance/zeebe/0a1b", "arn:aws:ecs:eu-west-1:123456789012:container-instance/zeebe/ffff"], default),
            Answer);

        Assert.Equal(new ContainerInstance("arn:aws:ecs:eu-west-1:123456789012:container-instance/zeebe/0a1b", "i-0a1b2c3d4e5f60718", "ACTIVE"), Assert.Single(result.ContainerInstances));
        Assert.Equal(new EcsFailure("arn:aws:ecs:eu-west-1:123456789012:container-instance/zeebe/ffff", "MISSING"), Assert.Single(result.Failures));
        Assert.Equal("AmazonEC2ContainerServiceV20141113.DescribeContainerInstances", request.Header("X-Amz-Target"));
    }
}

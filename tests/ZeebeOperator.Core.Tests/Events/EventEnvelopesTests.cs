using ZeebeOperator.Core.Events;

namespace ZeebeOperator.Core.Tests.Events;

/// <summary>The messages AWS delivers, as its documentation's examples show them, read into what they are about.</summary>
public sealed class EventEnvelopesTests
{
    // AWS's example "ECS Task State Change" (trimmed of containers and overrides), in the ECS developer guide.
    private const string TaskStateChange = """
        {"version":"0","id":"3317b2af-7005-947d-b652-f55e762e571a","detail-type":"ECS Task State Change","source":"aws.ecs",
         "account":"111122223333","time":"2020-01-23T17:57:58Z","region":"us-west-2",
         "resources":["arn:aws:ecs:us-west-2:111122223333:task/FargateCluster/c13b4cb40f1f4fe4a2971f76ae5a47ad"],
         "detail":{"clusterArn":"arn:aws:ecs:us-west-2:111122223333:cluster/FargateCluster","createdAt":"2020-01-23T17:57:34.402Z",
          "desiredStatus":"STOPPED","group":"service:orders-broker-2","lastStatus":"STOPPED","launchType":"FARGATE",
          "stoppedReason":"Essential container in task exited",
          "taskArn":"arn:aws:ecs:us-west-2:111122223333:task/FargateCluster/c13b4cb40f1f4fe4a2971f76ae5a47ad",
          "taskDefinitionArn":"arn:aws:ecs:us-west-2:111122223333:task-definition/orders-broker-2:1","version":3}}
        """;

    // AWS's example "ECS Service Action".
    private const string ServiceAction = """
        {"version":"0","id":"af3c496d-f4a8-65d1-70f4-a69d52e9b584","detail-type":"ECS Service Action","source":"aws.ecs",
         "account":"111122223333","time":"2019-11-19T19:27:22Z","region":"us-west-2",
         "resources":["arn:aws:ecs:us-west-2:111122223333:service/default/orders-broker-0"],
         "detail":{"eventType":"INFO","eventName":"SERVICE_STEADY_STATE","clusterArn":"arn:aws:ecs:us-west-2:111122223333:cluster/default","createdAt":"2019-11-19T19:27:22.695Z"}}
        """;

    // AWS's example "ECS Deployment State Change": no clusterArn in detail; the service ARN names the cluster.
    private const string DeploymentStateChange = """
        {"version":"0","id":"ddca6449-b258-46c0-8653-e0e3a6EXAMPLE","detail-type":"ECS Deployment State Change","source":"aws.ecs",
         "account":"111122223333","time":"2020-05-23T12:31:14Z","region":"us-west-2",
         "resources":["arn:aws:ecs:us-west-2:111122223333:service/default/orders-broker-4"],
         "detail":{"eventType":"INFO","eventName":"SERVICE_DEPLOYMENT_IN_PROGRESS","deploymentId":"ecs-svc/123","updatedAt":"2020-05-23T11:11:11Z","reason":"ECS deployment deploymentId in progress."}}
        """;

    [Fact]
    public void A_task_state_change_names_the_service_of_its_group_and_its_ECS_cluster()
    {
        var reading = EventEnvelopes.Read(TaskStateChange);

        Assert.Equal((EventOutcome.Understood, "ECS Task State Change"), (reading.Outcome, reading.Kind));
        Assert.Equal([new EcsServiceReference("arn:aws:ecs:us-west-2:111122223333:cluster/FargateCluster", "orders-broker-2")], reading.Services);
    }

    [Fact]
    public void A_task_not_started_by_a_service_concerns_no_service()
    {
        var reading = EventEnvelopes.Read(TaskStateChange.Replace("service:orders-broker-2", "family:orders-broker-2", StringComparison.Ordinal));

        Assert.Equal(EventOutcome.Understood, reading.Outcome);
        Assert.Empty(reading.Services);
    }

    [Fact]
    public void Service_and_deployment_events_name_the_service_of_their_resource_ARN()
    {
        var tasksStopped = ServiceAction.Replace("SERVICE_STEADY_STATE", "TASKS_STOPPED", StringComparison.Ordinal);
        Assert.Equal([new EcsServiceReference("arn:aws:ecs:us-west-2:111122223333:cluster/default", "orders-broker-0")], EventEnvelopes.Read(tasksStopped).Services);
        Assert.Equal([new EcsServiceReference("default", "orders-broker-4")], EventEnvelopes.Read(DeploymentStateChange).Services);
        var oldArnFormat = EventEnvelopes.Read(DeploymentStateChange.Replace("service/default/orders-broker-4", "service/orders-broker-4", StringComparison.Ordinal));
        Assert.Equal([new EcsServiceReference(null, "orders-broker-4")], oldArnFormat.Services);
    }

    [Theory]
    [InlineData("SERVICE_STEADY_STATE")]
    [InlineData("TASKSET_STEADY_STATE")]
    [InlineData("CAPACITY_PROVIDER_STEADY_STATE")]
    public void A_steady_state_report_which_ECS_repeats_while_nothing_changes_names_no_service(string eventName)
    {
        var reading = EventEnvelopes.Read(ServiceAction.Replace("SERVICE_STEADY_STATE", eventName, StringComparison.Ordinal));

        Assert.Equal((EventOutcome.Understood, $"ECS Service Action {eventName}"), (reading.Outcome, reading.Kind));
        Assert.Empty(reading.Services);
    }

    [Fact]
    public void An_S3_notification_names_its_decoded_object_keys_and_whether_they_were_removed()
    {
        const string Notification = """
            {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-west-2","eventTime":"1970-01-01T00:00:00.000Z",
              "eventName":"ObjectCreated:Put","userIdentity":{"principalId":"AIDAJDPLRKLG7UEXAMPLE"},
              "s3":{"s3SchemaVersion":"1.0","configurationId":"specs","bucket":{"name":"my-zeebe-specs","arn":"arn:aws:s3:::my-zeebe-specs"},
               "object":{"key":"clusters/orders%2Beu.json","size":1024,"eTag":"d41d8cd98f00b204e9800998ecf8427e","sequencer":"0055AED6DCD90281E5"}}}]}
            """;

        var created = EventEnvelopes.Read(Notification);
        var removed = EventEnvelopes.Read(Notification.Replace("ObjectCreated:Put", "ObjectRemoved:Delete", StringComparison.Ordinal));

        Assert.Equal((EventOutcome.Understood, "s3:ObjectCreated:Put", false), (created.Outcome, created.Kind, created.Removal));
        Assert.Equal(["clusters/orders+eu.json"], created.ObjectKeys);
        Assert.True(removed.Removal);
    }

    [Fact]
    public void The_S3_test_event_is_understood_and_concerns_nothing()
    {
        var reading = EventEnvelopes.Read("""{"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2014-10-13T15:57:02.089Z","Bucket":"my-zeebe-specs","RequestId":"5582815E1AEA5ADF","HostId":"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE"}""");

        Assert.Equal((EventOutcome.Understood, "s3:TestEvent"), (reading.Outcome, reading.Kind));
        Assert.Empty(reading.ObjectKeys);
    }

    [Theory]
    [InlineData("Object Created", false)]
    [InlineData("Object Deleted", true)]
    public void S3_events_through_EventBridge_name_detail_object_key(string detailType, bool removal)
    {
        var reading = EventEnvelopes.Read($$$"""
            {"version":"0","id":"17793124-05d4-b198-2fde-7ededc63b103","detail-type":"{{{detailType}}}","source":"aws.s3","account":"111122223333",
             "time":"2021-11-12T00:00:00Z","region":"ca-central-1","resources":["arn:aws:s3:::my-zeebe-specs"],
             "detail":{"version":"0","bucket":{"name":"my-zeebe-specs"},"object":{"key":"clusters/orders.json","sequencer":"00617F08299329D189"},"request-id":"N4N7GDK58NMKJ12R","requester":"123456789012","reason":"PutObject"}}
            """);

        Assert.Equal((EventOutcome.Understood, detailType, removal), (reading.Outcome, reading.Kind, reading.Removal));
        Assert.Equal(["clusters/orders.json"], reading.ObjectKeys);
    }

    [Theory]
    [InlineData("not JSON at all", "not JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("""{"Records":17}""", "Records is not a list")]
    [InlineData("""{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{}}]}""", "Records[].eventName or Records[].s3.object.key is missing")]
    [InlineData("""{"source":"aws.ecs","detail-type":"ECS Task State Change","detail":{"group":"service:orders-broker-0"}}""", "ECS Task State Change: detail.clusterArn or detail.taskArn is missing")]
    [InlineData("""{"source":"aws.ecs","detail-type":"ECS Service Action","detail":{},"resources":"arn"}""", "ECS Service Action: resources is not a list")]
    [InlineData("""{"source":"aws.s3","detail-type":"Object Created","detail":{"object":{}}}""", "Object Created: detail.object.key is missing")]
    [InlineData("""{"source":"aws.ecs","detail-type":"ECS Task State Change","detail":"STOPPED"}""", "aws.ecs ECS Task State Change: detail is not an object")]
    public void Malformed_messages_say_what_is_wrong(string body, string problem)
    {
        Assert.Equal(EventReading.Malformed(problem), EventEnvelopes.Read(body), ReadingComparer.Instance);
    }

    [Theory]
    [InlineData("""{"source":"aws.ec2","detail-type":"EC2 Instance State-change Notification","detail":{"state":"pending"}}""", "aws.ec2 EC2 Instance State-change Notification")]
    [InlineData("""{"source":"aws.ecs","detail-type":"ECS Container Instance State Change","detail":{}}""", "aws.ecs ECS Container Instance State Change")]
    [InlineData("""{"hello":"world"}""", "neither an EventBridge event nor an S3 notification")]
    [InlineData("""{"Records":[{"eventSource":"aws:sqs"}]}""", "Records of a source other than aws:s3")]
    public void Other_messages_are_unknown_by_their_source_and_type(string body, string kind)
    {
        var reading = EventEnvelopes.Read(body);

        Assert.Equal((EventOutcome.Unknown, kind), (reading.Outcome, reading.Kind));
    }

    private sealed class ReadingComparer : IEqualityComparer<EventReading>
    {
        public static readonly ReadingComparer Instance = new();

        public bool Equals(EventReading? x, EventReading? y) =>
            x is not null && y is not null && (x.Outcome, x.Kind) == (y.Outcome, y.Kind) && x.Services.SequenceEqual(y.Services) && x.ObjectKeys.SequenceEqual(y.ObjectKeys);

        public int GetHashCode(EventReading obj) => HashCode.Combine(obj.Outcome, obj.Kind);
    }
}

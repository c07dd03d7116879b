using ZeebeOperator.Core.Events;

namespace ZeebeOperator.Core.Tests.Events;

/// <summary>The edges of reading an event: resource ARNs that are not ECS services, groups without a name, deep JSON.</summary>
public sealed class EventEnvelopeEdgeTests
{
    [Theory]
    [InlineData("arn:aws:ecs:us-west-2:111122223333:service/default/orders-broker-0", "orders-broker-0")]
    [InlineData("arn:aws:ecs:us-west-2:111122223333:service/orders-broker-0", "orders-broker-0")]
    [InlineData("arn:aws:ecs:us-west-2:111122223333:cluster/default", null)]
    [InlineData("arn:aws:ecs:us-west-2:111122223333:task/default/c13b4cb40f1f4fe4a2971f76ae5a47ad", null)]
    [InlineData("arn:aws:lambda:us-west-2:111122223333:service/default/orders-broker-0", null)]
    [InlineData("urn:aws:ecs:us-west-2:111122223333:service/default/orders-broker-0", null)]
    [InlineData("arn:aws:ecs:us-west-2:service/default/orders-broker-0", null)]
    [InlineData("arn:aws:ecs:us-west-2:111122223333:service//orders-broker-0", null)]
    [InlineData("arn:aws:ecs:us-west-2:111122223333:service/default/", null)]
    [InlineData("arn:aws:ecs:us-west-2:111122223333:service/", null)]
    public void Only_an_ECS_service_ARN_names_a_service(string resource, string? service)
    {
        var reading = EventEnvelopes.Read($$$"""
            {"detail-type":"ECS Deployment State Change","source":"aws.ecs","resources":["{{{resource}}}"],
             "detail":{"eventName":"SERVICE_DEPLOYMENT_IN_PROGRESS","clusterArn":"arn:aws:ecs:us-west-2:111122223333:cluster/default"}}
            """);

        Assert.Equal(EventOutcome.Understood, reading.Outcome);
        Assert.Equal(service is null ? [] : [service], reading.Services.Select(s => s.ServiceName));
    }

    [Fact]
    public void A_service_ARN_without_a_cluster_takes_the_events_cluster_and_one_with_a_cluster_prefers_the_event_s()
    {
        var reading = EventEnvelopes.Read("""
            {"detail-type":"ECS Service Action","source":"aws.ecs",
             "resources":["arn:aws:ecs:us-west-2:111122223333:service/orders-broker-0","arn:aws:ecs:us-west-2:111122223333:service/other/orders-broker-1"],
             "detail":{"eventName":"SERVICE_TASK_START_IMPAIRED","clusterArn":"arn:aws:ecs:us-west-2:111122223333:cluster/default"}}
            """);

        Assert.Equal(
            [
                new EcsServiceReference("arn:aws:ecs:us-west-2:111122223333:cluster/default", "orders-broker-0"),
                new EcsServiceReference("arn:aws:ecs:us-west-2:111122223333:cluster/default", "orders-broker-1"),
            ],
            reading.Services);
    }

    [Fact]
    public void A_task_whose_group_is_service_without_a_name_concerns_no_service()
    {
        var reading = EventEnvelopes.Read("""
            {"detail-type":"ECS Task State Change","source":"aws.ecs",
             "detail":{"clusterArn":"arn:aws:ecs:us-west-2:111122223333:cluster/default","taskArn":"arn:aws:ecs:us-west-2:111122223333:task/default/c13b","group":"service:"}}
            """);

        Assert.Equal(EventOutcome.Understood, reading.Outcome);
        Assert.Empty(reading.Services);
    }

    [Fact]
    public void Another_source_without_a_detail_object_is_unknown_not_malformed() =>
        Assert.Equal(
            EventOutcome.Unknown,
            EventEnvelopes.Read("""{"detail-type":"EC2 Instance State-change Notification","source":"aws.ec2","detail":"stopped"}""").Outcome);

    [Fact]
    public void JSON_nested_deeper_than_any_event_is_refused()
    {
        var deep = """{"detail-type":"Custom","source":"acme","detail":""" + new string('[', 40) + new string(']', 40) + "}";

        Assert.Equal(EventOutcome.Malformed, EventEnvelopes.Read(deep).Outcome);
    }

    [Fact]
    public void An_S3_notification_without_records_removes_nothing()
    {
        var reading = EventEnvelopes.Read("""{"Records":[]}""");

        Assert.Equal(EventOutcome.Understood, reading.Outcome);
        Assert.False(reading.Removal);
        Assert.Empty(reading.ObjectKeys);
    }
}

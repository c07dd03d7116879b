using ZeebeOperator.Core.Events;

namespace ZeebeOperator.Core.Tests.Events;

/// <summary>Which clusters an event concerns: by the operator's naming, the ECS cluster the spec places them in, and the spec prefix.</summary>
public sealed class EventRouterTests
{
    private static readonly string[] Known = ["orders", "payments"];

    private readonly ClusterPlacements _placements = new();

    [Fact]
    public void An_ECS_event_concerns_the_known_cluster_whose_broker_service_it_names()
    {
        var reading = Services(("arn:aws:ecs:eu-central-1:1:cluster/prod", "orders-broker-3"), ("arn:aws:ecs:eu-central-1:1:cluster/prod", "payments-broker-0"));

        Assert.Equal(["orders", "payments"], Route(reading));
    }

    [Theory]
    [InlineData("ghost-broker-0")]
    [InlineData("orders-gateway")]
    [InlineData("orders-broker-")]
    [InlineData("orders-broker-01")]
    [InlineData("-broker-1")]
    public void Services_not_named_like_a_known_clusters_brokers_concern_nothing(string service)
    {
        Assert.Empty(Route(Services(("arn:aws:ecs:eu-central-1:1:cluster/prod", service))));
    }

    [Fact]
    public void An_ECS_event_from_another_ECS_cluster_than_the_spec_places_the_cluster_in_concerns_nothing()
    {
        _placements.Record("orders", "arn:aws:ecs:eu-central-1:1:cluster/prod");
        _placements.Record("payments", "prod");

        Assert.Empty(Route(Services(("arn:aws:ecs:eu-central-1:1:cluster/staging", "orders-broker-0"), ("staging", "payments-broker-0"))));
        Assert.Equal(["orders", "payments"], Route(Services(("prod", "orders-broker-0"), ("arn:aws:ecs:eu-central-1:1:cluster/prod", "payments-broker-0"))));
        Assert.Equal(["orders"], Route(Services((null, "orders-broker-0"))));
    }

    [Fact]
    public void A_written_spec_under_the_prefix_concerns_its_cluster_known_or_not_a_deleted_one_only_when_known()
    {
        Assert.Equal(["new-cluster", "orders"], Route(EventReading.AboutObjects("Object Created", ["clusters/orders.json", "clusters/new-cluster.json"]), "clusters/"));
        Assert.Equal(["orders"], Route(EventReading.AboutObjects("Object Deleted", ["clusters/orders.json", "clusters/ghost.json"], removal: true), "clusters/"));
    }

    [Theory]
    [InlineData("other/orders.json")]
    [InlineData("clusters/archive/orders.json")]
    [InlineData("clusters/orders.yaml")]
    [InlineData("orders.json")]
    public void Objects_that_are_not_specs_under_the_prefix_concern_nothing(string key)
    {
        Assert.Empty(Route(EventReading.AboutObjects("s3:ObjectCreated:Put", [key]), "clusters/"));
    }

    [Fact]
    public void Unknown_and_malformed_messages_concern_nothing()
    {
        Assert.Empty(Route(EventReading.Unknown("aws.ec2 EC2 Instance State-change Notification")));
        Assert.Empty(Route(EventReading.Malformed("not JSON")));
    }

    private static EventReading Services(params (string? EcsCluster, string Service)[] services) =>
        EventReading.AboutServices("ECS Task State Change", [.. services.Select(s => new EcsServiceReference(s.EcsCluster, s.Service))]);

    private IReadOnlyList<string> Route(EventReading reading, string prefix = "") => new EventRouter(_placements).ClustersOf(reading, prefix, Known);
}

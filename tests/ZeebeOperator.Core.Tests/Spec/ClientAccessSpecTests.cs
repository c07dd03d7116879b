using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Tests.Spec;

public sealed class ClientAccessSpecTests
{
    private const string Grpc = "arn:aws:elasticloadbalancing:eu-central-1:123456789012:targetgroup/orders-grpc/0123456789abcdef";
    private const string Rest = "arn:aws:elasticloadbalancing:eu-central-1:123456789012:targetgroup/orders-rest/fedcba9876543210";

    [Fact]
    public void Target_groups_and_the_gateway_name_bind_and_write_back()
    {
        var json = SpecJson.Create()
            .SetRaw("spec.clientAccess", $$"""{"targetGroups":[{"targetGroupArn":"{{Grpc}}","containerPort":26500},{"targetGroupArn":"{{Rest}}","containerPort":8080}],"serviceName":"orders-clients","healthCheckGracePeriodSeconds":120}""");

        var document = SpecAssert.Valid(json.Parse());

        var access = document.Spec.ClientAccess;
        Assert.Equal([new TargetGroupSpec(Grpc, 26500), new TargetGroupSpec(Rest, 8080)], access.TargetGroups);
        Assert.Equal("orders-clients", access.GatewayServiceName(document.Name));
        Assert.Equal(120, access.HealthCheckGracePeriodSeconds);
        var again = SpecAssert.Valid(SpecParser.Parse(SpecSerializer.ToJson(document)));
        Assert.Equal(access.TargetGroups, again.Spec.ClientAccess.TargetGroups);
    }

    [Fact]
    public void Left_out_client_access_means_no_target_groups_and_the_default_gateway_name()
    {
        var document = SpecAssert.Valid(SpecJson.Create().Remove("spec.clientAccess").Parse());

        Assert.Empty(document.Spec.ClientAccess.TargetGroups);
        Assert.Equal($"{document.Name}-gateway", document.Spec.ClientAccess.GatewayServiceName(document.Name));
    }

    [Theory]
    [InlineData("arn:aws:elasticloadbalancing:eu-central-1:123456789012:loadbalancer/app/orders/0123456789abcdef", 26500, "spec.clientAccess.targetGroups[0].targetGroupArn", "must be an Elastic Load Balancing target group ARN")]
    [InlineData("arn:aws:elasticloadbalancing:eu-central-1:1234:targetgroup/orders-grpc/0123456789abcdef", 26500, "spec.clientAccess.targetGroups[0].targetGroupArn", "must be an Elastic Load Balancing target group ARN")]
    [InlineData("arn:aws:elasticloadbalancing:eu-central-1:123456789012:targetgroup/-orders/0123456789abcdef", 26500, "spec.clientAccess.targetGroups[0].targetGroupArn", "must be an Elastic Load Balancing target group ARN")]
    [InlineData(Grpc, 26503, "spec.clientAccess.targetGroups[0].containerPort", "must be one of the broker container's ports: 26500, 26501, 26502, 9600, 8080")]
    public void Broken_target_group_is_reported_at_its_field(string arn, int port, string path, string message) =>
        SpecAssert.SingleError(
            SpecJson.Create().SetRaw("spec.clientAccess", $$"""{"targetGroups":[{"targetGroupArn":"{{arn}}","containerPort":{{port}}}]}""").Parse(),
            path,
            message);

    [Fact]
    public void A_target_group_listed_twice_is_refused() =>
        SpecAssert.SingleError(
            SpecJson.Create().SetRaw("spec.clientAccess", $$"""{"targetGroups":[{"targetGroupArn":"{{Grpc}}","containerPort":26500},{"targetGroupArn":"{{Grpc}}","containerPort":8080}]}""").Parse(),
            "spec.clientAccess.targetGroups[1].targetGroupArn",
            "repeats spec.clientAccess.targetGroups[0].targetGroupArn");

    [Fact]
    public void More_than_five_target_groups_are_refused()
    {
        var groups = string.Join(",", Enumerable.Range(0, 6).Select(i => $$"""{"targetGroupArn":"arn:aws:elasticloadbalancing:eu-central-1:123456789012:targetgroup/tg-{{i}}/0123456789abcdef","containerPort":26500}"""));
        SpecAssert.SingleError(
            SpecJson.Create().SetRaw("spec.clientAccess", $$"""{"targetGroups":[{{groups}}]}""").Parse(),
            "spec.clientAccess.targetGroups",
            "must list at most 5 target groups");
    }

    [Theory]
    [InlineData("Orders-gateway", "must be a DNS label")]
    [InlineData("orders.gateway", "must be a DNS label")]
    [InlineData("orders-broker-1", "must not be a broker's own Cloud Map service name")]
    public void Broken_gateway_name_is_refused(string name, string message) =>
        SpecAssert.SingleError(SpecJson.Create().Set("spec.clientAccess.serviceName", name).Parse(), "spec.clientAccess.serviceName", message);

    [Fact]
    public void A_target_group_that_is_not_an_object_is_reported_at_its_index() =>
        SpecAssert.SingleError(
            SpecJson.Create().SetRaw("spec.clientAccess", """{"targetGroups":["arn"]}""").Parse(),
            "spec.clientAccess.targetGroups[0]",
            "must be an object");
}

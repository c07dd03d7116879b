using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Tests.Desired;

/// <summary>Task definition ARNs taken apart: the planner keeps and deregisters revisions by family and number.</summary>
public sealed class TaskDefinitionArnTests
{
    [Fact]
    public void A_revision_arn_gives_its_family_and_number()
    {
        const string arn = "arn:aws:ecs:us-east-1:123456789012:task-definition/orders-broker-0:17";

        Assert.Equal(new TaskDefinitionArn(arn, "orders-broker-0", 17), TaskDefinitionArn.TryParse(arn));
    }

    [Theory]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:service/orders/orders-broker-0:7")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:task-definition/:7")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:task-definition/orders-broker-0")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:task-definition/orders-broker-0:latest")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:task-definition/orders-broker-0:-1")]
    [InlineData(":task-definition/orders-broker-0:7")]
    public void Anything_else_is_not_a_revision(string arn) => Assert.Null(TaskDefinitionArn.TryParse(arn));
}

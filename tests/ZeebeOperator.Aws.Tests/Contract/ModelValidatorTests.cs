using System.Text.Json.Nodes;

namespace ZeebeOperator.Aws.Tests.Contract;

/// <summary>The validator itself catches the mistakes it exists for.</summary>
public sealed class ModelValidatorTests
{
    private static readonly Lazy<ApiModel> Ecs = new(() => ApiModel.Load("ecs-2014-11-13"));

    [Fact]
    public void Flags_wrong_casing_missing_required_members_types_and_enums()
    {
        var model = Ecs.Value;
        var body = JsonNode.Parse("""
            {"cluster":"c","taskDefinition":"t","desiredCount":"1","enableEcsManagedTags":true,"launchType":"LAMBDA"}
            """);

        var errors = new ModelValidator(model, PublishedConstraints.Ecs).Validate(body, model.Operation("CreateService")["input"]);

        Assert.Contains(errors, e => e.Contains("required member 'serviceName'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'enableEcsManagedTags' (the model spells it 'enableECSManagedTags')", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("$.desiredCount: expected an integer", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'LAMBDA' is not one of", StringComparison.Ordinal));
    }
}

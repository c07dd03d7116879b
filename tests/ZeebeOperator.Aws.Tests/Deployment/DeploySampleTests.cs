using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using ZeebeOperator.Aws.Tests.Contract;
using ZeebeOperator.Aws.Tests.Infrastructure;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Events;
using ZeebeOperator.Core.Notifications;

namespace ZeebeOperator.Aws.Tests.Deployment;

/// <summary>The operator's own ECS task definition and service: valid API inputs that run it as documented.</summary>
public sealed class DeploySampleTests
{
    private static readonly Lazy<ApiModel> EcsModel = new(() => ApiModel.Load("ecs-2014-11-13"));

    public static TheoryData<string> JsonSamples =>
    [
        .. Directory.EnumerateFiles(DeploySamples.Directory, "*.json")
            .Concat(Directory.EnumerateFiles(Path.Combine(NpmTools.RepoRoot, "samples", "aws"), "*.json"))
            .Select(f => Path.GetRelativePath(NpmTools.RepoRoot, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(JsonSamples))]
    public void Every_deployment_sample_is_a_JSON_object(string file)
    {
        Assert.NotEmpty(DeploySamples.Repository(file));
    }

    [Fact]
    public void All_five_deployment_samples_are_shipped()
    {
        Assert.Equal(
            ["broker-execution-role-policy.json", "operator-iam-policy.json", "operator-service.json", "operator-task-definition.json", "operator.cfn.json"],
            Directory.EnumerateFiles(DeploySamples.Directory, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Task_definition_is_a_valid_RegisterTaskDefinition_input()
    {
        var model = EcsModel.Value;
        Assert.Empty(new ModelValidator(model, PublishedConstraints.Ecs).Validate(DeploySamples.TaskDefinition, model.Operation("RegisterTaskDefinition")["input"]));
    }

    [Fact]
    public void Service_is_a_valid_CreateService_input()
    {
        var model = EcsModel.Value;
        Assert.Empty(new ModelValidator(model, PublishedConstraints.Ecs).Validate(DeploySamples.Service, model.Operation("CreateService")["input"]));
    }

    [Fact]
    public void Service_runs_two_operators_and_lets_old_and_new_overlap_during_a_deployment()
    {
        var service = DeploySamples.Service;
        var desired = (int)service["desiredCount"]!;
        var deployment = service["deploymentConfiguration"]!;

        Assert.Equal((string?)DeploySamples.TaskDefinition["family"], (string?)service["taskDefinition"]);
        Assert.Contains((string)service["launchType"]!, DeploySamples.Strings(DeploySamples.TaskDefinition["requiresCompatibilities"]));
        Assert.True(desired >= 2, "one leader and a ready standby");

        // Leader election makes overlapping copies safe; the new task must be able to start before an old one stops,
        // and at least one operator keeps running throughout.
        Assert.True(desired * (int)deployment["maximumPercent"]! / 100 > desired, "maximumPercent must allow an extra copy during a deployment");
        Assert.True(desired * (int)deployment["minimumHealthyPercent"]! / 100 >= 1, "minimumHealthyPercent must keep one operator running");
        Assert.True((bool)deployment["deploymentCircuitBreaker"]!["rollback"]!);
        Assert.Equal("DISABLED", (string?)service["networkConfiguration"]!["awsvpcConfiguration"]!["assignPublicIp"]);
    }

    [Fact]
    public void Environment_sets_only_real_configuration_keys()
    {
        var appSettings = DeploySamples.Repository("src/ZeebeOperator.Host/appsettings.json");
        foreach (var (name, value) in DeploySamples.Environment)
        {
            var parts = name.Split("__");
            Assert.True(parts.Length == 2, $"{name}: expected Section__Key");
            var known = parts[0] switch
            {
                AwsOptions.SectionName => HasProperty<AwsOptions>(parts[1]),
                OperatorOptions.SectionName => HasProperty<OperatorOptions>(parts[1]),
                EventsOptions.SectionName => HasProperty<EventsOptions>(parts[1]),
                NotifyOptions.SectionName => HasProperty<NotifyOptions>(parts[1]),
                "Logging" => appSettings["Logging"]![parts[1]] is not null,
                _ => false,
            };
            Assert.True(known, $"{name} is not a configuration key of the operator");
            Assert.False(string.IsNullOrWhiteSpace(value), $"{name} is empty");
        }

        var environment = DeploySamples.Environment;
        Assert.Equal("json", environment["Logging__Format"]);
        Assert.Equal(DeploySamples.Region, environment["Aws__Region"]);
        Assert.Equal(DeploySamples.Region, (string?)DeploySamples.Container["logConfiguration"]!["options"]!["awslogs-region"]);
        Assert.True(environment.ContainsKey("Aws__SpecBucket") && environment.ContainsKey("Aws__TableName"), "bucket and table are required settings");
    }

    [Fact]
    public void Container_logs_to_CloudWatch_and_gets_longer_to_stop_than_the_operator_needs()
    {
        var container = DeploySamples.Container;
        var shutdownGrace = TimeSpan.Parse((string)DeploySamples.Repository("src/ZeebeOperator.Host/appsettings.json")["Operator"]!["ShutdownGrace"]!, CultureInfo.InvariantCulture);

        Assert.Equal("awslogs", (string?)container["logConfiguration"]!["logDriver"]);
        Assert.True(TimeSpan.FromSeconds((int)container["stopTimeout"]!) > shutdownGrace, "ECS would kill the operator before its shutdown grace ends");
        Assert.Equal("awsvpc", (string?)DeploySamples.TaskDefinition["networkMode"]);
    }

    private static bool HasProperty<T>(string name) =>
        typeof(T).GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is { CanWrite: true };
}

using System.Text.Json.Nodes;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Spec.Validation;

namespace ZeebeOperator.Core.Tests.Spec;

/// <summary>Every documented limit is inclusive: a spec exactly at a limit is valid (one past it is refused, in the rule tests).</summary>
public sealed class SpecLimitBoundaryTests
{
    private const string Backup = """{"schedule":"0 0 3 * * ?","retention":{"count":7,"maxAge":"P14D"},"store":{"bucket":"orders-backups","basePath":"orders","region":"eu-west-1"},"beforeUpgrade":true}""";

    public static TheoryData<string, string> AtTheLimit => new()
    {
        { "spec.backup", Backup.Replace("\"count\":7", $"\"count\":{BackupSpecLimits.MaxRetentionCount}", StringComparison.Ordinal) },
        { "spec.backup", Backup.Replace("\"count\":7", "\"count\":1", StringComparison.Ordinal) },
        { "spec.clientAccess", ClientAccess(ClientAccessRules.MaxTargetGroups, new string('c', BrokerNames.MaxDnsLabelLength), gracePeriod: 0) },
        { "spec.image", Quote(new string('a', ClusterShapeRules.MaxImageLength - "/camunda:8.8.3".Length) + "/camunda:8.8.3") },
        { "metadata.labels", Object(LabelRules.MaxLabels, i => ($"team{i}", "payments")) },
        { "spec.notify", $$"""{"enabled": true, "ecsClusters": {{Array(NotifySpecLimits.MaxEcsClusters, i => $"subscribers-{i}")}}}""" },
        { "spec.placement.subnets", Array(PlacementRules.MaxSubnets, i => $"subnet-0a1b2c3d4e5f607{i:00}") },
        { "spec.placement.securityGroups", Array(PlacementRules.MaxSecurityGroups, i => $"sg-0a1b2c3d4e5f607{i:00}") },
        { "spec.serviceDiscovery.dnsTtlSeconds", "1" },
        { "spec.serviceDiscovery.dnsTtlSeconds", $"{ServiceDiscoveryRules.MaxDnsTtlSeconds}" },
    };

    [Theory]
    [MemberData(nameof(AtTheLimit))]
    public void A_spec_exactly_at_a_limit_is_valid(string path, string json) =>
        SpecAssert.Valid(SpecJson.Create().SetRaw(path, json).Parse());

    [Fact]
    public void A_namespace_of_the_longest_DNS_name_is_refused_only_for_the_broker_names_it_would_make()
    {
        var longest = $"{new string('a', 63)}.{new string('b', 63)}.{new string('c', 63)}.{new string('d', 61)}";

        var withBrokerNames = SpecJson.Create().Set("spec.serviceDiscovery.namespaceName", longest).Parse();
        var withoutBrokerNames = SpecJson.Create().Set("spec.serviceDiscovery.namespaceName", longest).Set("metadata.name", "Orders").Parse();

        SpecAssert.SingleError(withBrokerNames, "spec.serviceDiscovery.namespaceName", "orders-broker-2.");
        SpecAssert.SingleError(withoutBrokerNames, "metadata.name", "must be a DNS label");
    }

    [Theory]
    [InlineData(45, true)]
    [InlineData(46, false)]
    public void A_broker_name_may_be_as_long_as_a_DNS_name_and_no_longer(int lastLabelLength, bool valid)
    {
        var namespaceName = $"{new string('a', 63)}.{new string('b', 63)}.{new string('c', 63)}.{new string('d', lastLabelLength)}";

        var result = SpecJson.Create().Set("spec.serviceDiscovery.namespaceName", namespaceName).Parse();

        Assert.Equal(253, "orders-broker-2.".Length + namespaceName.Length - (valid ? 0 : 1));
        if (valid)
        {
            SpecAssert.Valid(result);
        }
        else
        {
            SpecAssert.SingleError(result, "spec.serviceDiscovery.namespaceName", "orders-broker-2.");
        }
    }

    [Fact]
    public void A_document_of_exactly_the_largest_length_is_read()
    {
        var json = SpecJson.Valid;

        SpecAssert.Valid(SpecParser.Parse(json + new string(' ', SpecLimits.MaxDocumentLength - json.Length)));
    }

    [Fact]
    public void A_field_name_of_the_longest_shown_length_is_shown_whole()
    {
        var name = new string('x', 128);

        var result = SpecJson.Create().Set($"spec.{name}", 1).Parse();

        Assert.Contains(result.Errors, e => e.Path == $"spec.{name}");
    }

    [Fact]
    public void Zero_memory_is_named_as_not_positive() =>
        SpecAssert.SingleError(SpecJson.Create().Set("spec.resources.memory", 0).Parse(), "spec.resources.memory", "must be a positive number of MiB");

    private static string Quote(string text) => JsonValue.Create(text).ToJsonString();

    private static string Array(int count, Func<int, string> item) => new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode?)JsonValue.Create(item(i)))]).ToJsonString();

    private static string Object(int count, Func<int, (string Key, string Value)> entry)
    {
        var result = new JsonObject();
        foreach (var (key, value) in Enumerable.Range(0, count).Select(entry))
        {
            result[key] = value;
        }

        return result.ToJsonString();
    }

    private static string ClientAccess(int targetGroups, string serviceName, int gracePeriod)
    {
        var groups = new JsonArray([.. Enumerable.Range(0, targetGroups).Select(i => (JsonNode?)new JsonObject
        {
            ["targetGroupArn"] = $"arn:aws:elasticloadbalancing:eu-central-1:123456789012:targetgroup/orders-{i}/0123456789abcde{i}",
            ["containerPort"] = BrokerPorts.Mappings[i % BrokerPorts.Mappings.Count].ContainerPort,
        })]);
        return new JsonObject { ["targetGroups"] = groups, ["serviceName"] = serviceName, ["healthCheckGracePeriodSeconds"] = gracePeriod }.ToJsonString();
    }
}

using System.Text.Json.Nodes;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Spec.Validation;

namespace ZeebeOperator.Core.Tests.Spec;

/// <summary>
/// A field that breaks its first rule gets that one error: the rules after it, which would only repeat the problem,
/// are skipped. A cluster size out of range is reported once, and the names derived from it are not judged by it.
/// </summary>
public sealed class SpecRuleShortCircuitTests
{
    private const string SchedulePath = "spec.updateStrategy.maintenanceWindow.schedule";

    [Theory]
    [InlineData("0 0 2 ? * ?")]
    [InlineData("0 0 2 1 * SUN")]
    [InlineData("0 0 2 * * *")]
    [InlineData("0 0 25 ? * ?")]
    [InlineData("0 0 25 * * *")]
    public void A_schedule_with_both_or_neither_day_field_left_open_gets_one_error(string schedule)
    {
        var errors = SpecValidator.Validate(WithSchedule(schedule));

        var error = Assert.Single(errors);
        Assert.Equal(SchedulePath, error.Path);
        Assert.Contains("day-of-week", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_name_that_is_not_a_DNS_label_gets_one_error() =>
        SpecAssert.SingleError(SpecJson.Create().Set("metadata.name", new string('N', 60)).Parse(), "metadata.name", "must be a DNS label");

    [Fact]
    public void A_namespace_longer_than_any_DNS_name_gets_one_error()
    {
        var namespaceName = string.Join('.', Enumerable.Repeat(new string('a', 63), 4));

        SpecAssert.SingleError(
            SpecJson.Create().Set("spec.serviceDiscovery.namespaceName", namespaceName).Parse(),
            "spec.serviceDiscovery.namespaceName",
            $"at most {BrokerNames.MaxDnsNameLength} characters");
    }

    [Fact]
    public void A_broken_root_directory_is_not_also_judged_by_its_depth_and_length()
    {
        var root = "/zeebe/orders/data/.current-" + new string('x', 60);

        SpecAssert.SingleError(
            SpecJson.Create().Set("spec.storage.rootDirectory", root).Parse(),
            "spec.storage.rootDirectory",
            "must not contain segments starting with '.'");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(BrokerNames.MaxClusterSize + 1)]
    public void A_cluster_size_out_of_range_does_not_also_fail_the_names_it_would_make(int clusterSize)
    {
        var result = SpecJson.Create()
            .Set("spec.clusterSize", clusterSize)
            .Set("spec.replicationFactor", 1)
            .Set("metadata.name", new string('n', MetadataRules.MaxNameLength))
            .Set("spec.storage.rootDirectory", "/" + new string('r', StorageRules.MaxRootDirectoryLength - 1))
            .Parse();

        var error = Assert.Single(result.Errors);
        Assert.Equal("spec.clusterSize", error.Path);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(BrokerNames.MaxClusterSize + 1)]
    public void A_cluster_size_out_of_range_does_not_make_a_gateway_name_a_broker_name(int clusterSize)
    {
        var result = SpecJson.Create()
            .Set("spec.clusterSize", clusterSize)
            .Set("spec.replicationFactor", 1)
            .SetRaw("spec.clientAccess", """{"serviceName": "orders-broker-100"}""")
            .Parse();

        var error = Assert.Single(result.Errors);
        Assert.Equal("spec.clusterSize", error.Path);
    }

    [Fact]
    public void A_negative_health_check_grace_period_is_refused() =>
        SpecAssert.SingleError(
            SpecJson.Create().SetRaw("spec.clientAccess", """{"healthCheckGracePeriodSeconds": -1}""").Parse(),
            "spec.clientAccess.healthCheckGracePeriodSeconds",
            "0");

    [Theory]
    [InlineData(BrokerNames.MaxDnsLabelLength, true)]
    [InlineData(BrokerNames.MaxDnsLabelLength + 1, false)]
    public void A_gateway_name_may_fill_a_whole_DNS_label(int length, bool valid)
    {
        var result = SpecJson.Create().Set("spec.clientAccess", new JsonObject { ["serviceName"] = new string('g', length) }).Parse();

        if (valid)
        {
            SpecAssert.Valid(result);
        }
        else
        {
            SpecAssert.SingleError(result, "spec.clientAccess.serviceName", $"1 to {BrokerNames.MaxDnsLabelLength}");
        }
    }

    [Theory]
    [InlineData(SecretRules.MaxReferenceLength, true)]
    [InlineData(SecretRules.MaxReferenceLength + 1, false)]
    public void A_secret_reference_may_be_as_long_as_an_ARN(int length, bool valid)
    {
        const string Prefix = "arn:aws:ssm:eu-west-1:123456789012:parameter/";
        var reference = Prefix + new string('p', length - Prefix.Length);

        var errors = SpecValidator.Validate(SpecJson.Document with
        {
            Spec = SpecJson.Document.Spec with { Secrets = new Dictionary<string, string> { ["DB_PASSWORD"] = reference } },
        });

        Assert.Equal(valid ? [] : ["spec.secrets.DB_PASSWORD"], errors.Select(e => e.Path));
    }

    [Fact]
    public void A_secret_also_in_env_names_the_env_entry_as_it_is_spelled_there()
    {
        var result = SpecJson.Create()
            .SetRaw("spec.env", """{"JAVA_OPTS": "-Xmx1g", "Db_Password": "x"}""")
            .SetRaw("spec.secrets", """{"DB_PASSWORD": "arn:aws:ssm:eu-west-1:123456789012:parameter/orders/db"}""")
            .Parse();

        SpecAssert.SingleError(result, "spec.secrets.DB_PASSWORD", "spec.env.Db_Password");
    }

    [Fact]
    public void Env_values_built_in_code_are_held_to_the_length_and_control_character_rules()
    {
        var errors = SpecValidator.Validate(SpecJson.Document with
        {
            Spec = SpecJson.Document.Spec with
            {
                Env = new Dictionary<string, string>
                {
                    ["LONGEST"] = new string('v', SpecLimits.MaxEnvValueLength),
                    ["TOO_LONG"] = new string('v', SpecLimits.MaxEnvValueLength + 1),
                    ["BELL"] = "ding\u0007",
                },
            },
        });

        Assert.Equal(["spec.env.BELL", "spec.env.TOO_LONG"], errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Contains(errors, e => e.Path == "spec.env.TOO_LONG" && e.Message.Contains($"{SpecLimits.MaxEnvValueLength}", StringComparison.Ordinal));
    }

    private static ZeebeClusterDocument WithSchedule(string schedule)
    {
        var spec = SpecJson.Document.Spec;
        return SpecJson.Document with
        {
            Spec = spec with
            {
                UpdateStrategy = spec.UpdateStrategy with { MaintenanceWindow = spec.UpdateStrategy.MaintenanceWindow! with { Schedule = schedule } },
            },
        };
    }
}

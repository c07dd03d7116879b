using System.Text.Json.Nodes;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Tests.Spec;

/// <summary>spec.secrets, spec.placement.cpuArchitecture and spec.restartedAt.</summary>
public sealed class PlatformSpecRuleTests
{
    private const string SecretArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders/db-AbCdEf";

    [Theory]
    [InlineData(SecretArn)]
    [InlineData(SecretArn + ":password::")]
    [InlineData(SecretArn + "::AWSPREVIOUS:")]
    [InlineData(SecretArn + ":password::0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d")]
    [InlineData("arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:db-AbCdEf")]
    [InlineData("arn:aws:ssm:eu-west-1:123456789012:parameter/zeebe/orders/es-password")]
    [InlineData("arn:aws-cn:ssm:cn-north-1:123456789012:parameter/es_password")]
    public void A_secret_from_Secrets_Manager_or_SSM_is_valid(string reference) =>
        SpecAssert.Valid(SpecJson.Create().Set("spec.secrets.DB_PASSWORD", reference).Parse());

    [Theory]
    [InlineData("orders/db")]
    [InlineData("arn:aws:secretsmanager:eu-west-1:123456789012:secret:")]
    [InlineData("arn:aws:secretsmanager:eu-west-1:1234:secret:db-AbCdEf")]
    [InlineData("arn:aws:secretsmanager:eu-west:123456789012:secret:db-AbCdEf")]
    [InlineData("arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password")]
    [InlineData("arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password::a:b")]
    [InlineData("arn:aws:ssm:eu-west-1:123456789012:parameter")]
    [InlineData("arn:aws:ssm:eu-west-1:123456789012:document/zeebe")]
    [InlineData("arn:aws:s3:::zeebe/secret.txt")]
    [InlineData("arn:azure:ssm:eu-west-1:123456789012:parameter/db")]
    public void A_secret_that_is_not_a_secret_or_parameter_ARN_is_refused(string reference) =>
        SpecAssert.SingleError(
            SpecJson.Create().Set("spec.secrets.DB_PASSWORD", reference).Parse(),
            "spec.secrets.DB_PASSWORD",
            "must be the ARN of a Secrets Manager secret (arn:aws:secretsmanager:<region>:<account>:secret:<name>, optionally followed by :<json-key>:<version-stage>:<version-id>) or of an SSM parameter");

    [Theory]
    [InlineData("CAMUNDA_CLUSTER_NODEID", "node ID")]
    [InlineData("zeebe_broker_cluster_clustersize", "cluster size")]
    [InlineData("CAMUNDA_DATA_PRIMARY_STORAGE_DIRECTORY", "data directory")]
    public void An_operator_owned_setting_cannot_come_from_a_secret(string name, string setting)
    {
        var error = Assert.Single(SpecJson.Create().Set("spec.secrets", new JsonObject { [name] = SecretArn }).Parse().Errors);

        Assert.Equal($"spec.secrets.{name}: is set by the operator and cannot come from a secret: Camunda reads it as the broker's {setting}", error.ToString());
    }

    [Fact]
    public void A_secret_name_that_is_not_a_variable_name_is_refused() =>
        SpecAssert.SingleError(
            SpecJson.Create().Set("spec.secrets", new JsonObject { ["DB-PASSWORD"] = SecretArn }).Parse(),
            "spec.secrets.DB-PASSWORD",
            "must be an environment variable name");

    [Theory]
    [InlineData("DB_PASSWORD")]
    [InlineData("db_password")]
    public void A_variable_comes_from_env_or_from_a_secret_not_both(string envName)
    {
        var parsed = SpecJson.Create()
            .Set("spec.env", new JsonObject { [envName] = "plain" })
            .Set("spec.secrets.DB_PASSWORD", SecretArn)
            .Parse();

        var error = Assert.Single(parsed.Errors);
        Assert.Equal($"spec.secrets.DB_PASSWORD: is also set in spec.env.{envName}; a variable comes from env or from a secret, not both", error.ToString());
    }

    [Theory]
    [InlineData("X86_64")]
    [InlineData("ARM64")]
    public void Both_cpu_architectures_are_valid_with_Fargate_Fargate_Spot_and_EC2(string architecture)
    {
        SpecAssert.Valid(SpecJson.Create().Set("spec.placement.cpuArchitecture", architecture).Parse());
        SpecAssert.Valid(SpecJson.Create().Set("spec.placement.cpuArchitecture", architecture).Set("spec.placement.launchType", "EC2").Parse());
        SpecAssert.Valid(SpecJson.Create()
            .Set("spec.placement.cpuArchitecture", architecture)
            .Remove("spec.placement.launchType")
            .Set("spec.placement.capacityProvider", "FARGATE_SPOT")
            .Parse());
    }

    [Fact]
    public void An_unknown_cpu_architecture_names_the_field_and_the_choices() =>
        SpecAssert.SingleError(
            SpecJson.Create().Set("spec.placement.cpuArchitecture", "arm64").Parse(),
            "spec.placement.cpuArchitecture",
            "must be one of \"X86_64\", \"ARM64\", not \"arm64\"");

    [Fact]
    public void The_cpu_architecture_defaults_to_X86_64() =>
        Assert.Equal(CpuArchitecture.X64, SpecJson.Create().Parse().Document!.Spec.Placement.CpuArchitecture);

    [Theory]
    [InlineData("2026-12-03T10:00:00Z")]
    [InlineData("2026-12-03T10:00:00.123Z")]
    public void A_restart_request_is_a_UTC_timestamp(string restartedAt) =>
        SpecAssert.Valid(SpecJson.Create().Set("spec.restartedAt", restartedAt).Parse());

    [Theory]
    [InlineData("2026-12-03 10:00:00Z")]
    [InlineData("2026-12-03T10:00:00+01:00")]
    [InlineData("2026-13-03T10:00:00Z")]
    [InlineData("yesterday")]
    public void A_restart_request_that_is_not_a_UTC_timestamp_is_refused(string restartedAt) =>
        SpecAssert.SingleError(SpecJson.Create().Set("spec.restartedAt", restartedAt).Parse(), "spec.restartedAt", "must be a UTC timestamp");
}

using System.Text.Json.Nodes;
using ZeebeOperator.Core.Desired;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Tests.Support;

namespace ZeebeOperator.Core.Tests.Spec;

/// <summary>
/// <c>spec.backup</c>: its rules, and the S3 store settings every broker gets. The variable names are written out here
/// from Camunda's configuration reference (8.8 <c>camunda.data.backup.*</c>, 8.9 <c>camunda.data.primary-storage.backup.*</c>,
/// legacy <c>zeebe.broker.data.backup.*</c>), not taken from the code under test.
/// </summary>
public sealed class BackupSpecTests
{
    private const string Backup = """{"schedule":"0 0 3 * * ?","retention":{"count":7,"maxAge":"P14D"},"store":{"bucket":"orders-backups","basePath":"orders","region":"eu-west-1"},"beforeUpgrade":true}""";

    private readonly DesiredStateRenderer _renderer = new("eu-west-1");

    [Fact]
    public void A_full_backup_section_parses()
    {
        var backup = SpecAssert.Valid(SpecJson.Create().SetRaw("spec.backup", Backup).Parse()).Spec.Backup!;

        Assert.Equal("0 0 3 * * ?", backup.Schedule);
        Assert.Equal(new BackupRetentionSpec(7, TimeSpan.FromDays(14)), backup.Retention);
        Assert.Equal(new BackupStoreSpec("orders-backups", "orders", "eu-west-1", null), backup.Store);
        Assert.True(backup.BeforeUpgrade);
    }

    [Fact]
    public void Retention_and_schedule_may_be_left_out()
    {
        var backup = SpecAssert.Valid(SpecJson.Create().SetRaw("spec.backup", """{"store":{"bucket":"b-1","region":"eu-west-1"}}""").Parse()).Spec.Backup!;

        Assert.Equal((null, BackupRetentionSpec.Default, false), (backup.Schedule, backup.Retention, backup.BeforeUpgrade));
    }

    [Theory]
    [InlineData("spec.backup.schedule", "\"0 0 3 * *\"", "must be a Quartz cron expression of 6 or 7")]
    [InlineData("spec.backup.schedule", "\"0 0 3 * * MON\"", "exactly one of day-of-month and day-of-week")]
    [InlineData("spec.backup.schedule", "\"0 0 25 ? * *\"", "is not a valid Quartz cron expression")]
    [InlineData("spec.backup.retention.count", "0", "must be between 1 and 1000")]
    [InlineData("spec.backup.retention.maxAge", "\"PT0S\"", "must be longer than zero")]
    [InlineData("spec.backup.store.bucket", "\"Orders_Backups\"", "must be an S3 bucket name")]
    [InlineData("spec.backup.store.basePath", "\"/orders\"", "must be an S3 key prefix")]
    [InlineData("spec.backup.store.region", "\"europe\"", "must be an AWS region")]
    [InlineData("spec.backup.store.endpoint", "\"minio:9000\"", "must be an http:// or https:// URL")]
    [InlineData("spec.backup.requestedAt", "\"2026-12-03 10:00\"", "must be a UTC timestamp")]
    public void A_bad_backup_field_is_refused_naming_the_field_and_the_rule(string path, string json, string rule)
    {
        var spec = SpecJson.Create().SetRaw("spec.backup", Backup);

        SpecAssert.SingleError(spec.SetRaw(path, json).Parse(), path, rule);
    }

    [Theory]
    [InlineData("CAMUNDA_DATA_BACKUP_STORE", "backup store")]
    [InlineData("CAMUNDA_DATA_BACKUP_S3_BUCKETNAME", "backup bucket")]
    [InlineData("ZEEBE_BROKER_DATA_BACKUP_S3_BUCKETNAME", "backup bucket")]
    [InlineData("CAMUNDA_DATA_PRIMARYSTORAGE_BACKUP_S3_REGION", "backup region")]
    [InlineData("ZEEBE_BROKER_DATA_BACKUP_S3_BASEPATH", "backup base path")]
    [InlineData("CAMUNDA_DATA_BACKUP_S3_ENDPOINT", "backup endpoint")]
    public void The_backup_store_settings_are_the_operators_and_refused_in_env(string name, string setting)
    {
        var error = SpecAssert.SingleError(SpecJson.Create().Set($"spec.env.{name}", JsonValue.Create("x")).Parse(), $"spec.env.{name}", "is set by the operator");

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_unified_image_gets_the_8_8_and_the_8_9_names_of_the_store()
    {
        var env = Env(WithBackup("camunda/camunda:8.8.3", new BackupStoreSpec("orders-backups", "orders", "eu-west-1", "https://minio.internal:9000")));

        foreach (var prefix in new[] { "CAMUNDA_DATA_BACKUP_", "CAMUNDA_DATA_PRIMARYSTORAGE_BACKUP_" })
        {
            Assert.Equal("S3", env[prefix + "STORE"]);
            Assert.Equal("orders-backups", env[prefix + "S3_BUCKETNAME"]);
            Assert.Equal("orders", env[prefix + "S3_BASEPATH"]);
            Assert.Equal("eu-west-1", env[prefix + "S3_REGION"]);
            Assert.Equal("https://minio.internal:9000", env[prefix + "S3_ENDPOINT"]);
        }

        Assert.DoesNotContain(env.Keys, k => k.StartsWith("ZEEBE_BROKER_DATA_BACKUP", StringComparison.Ordinal));
    }

    [Fact]
    public void A_legacy_image_gets_the_zeebe_broker_names_and_no_endpoint_when_none_is_set()
    {
        var env = Env(WithBackup("camunda/zeebe:8.7.12", new BackupStoreSpec("orders-backups", null, "eu-west-1", null)));

        Assert.Equal(
            [("ZEEBE_BROKER_DATA_BACKUP_S3_BUCKETNAME", "orders-backups"), ("ZEEBE_BROKER_DATA_BACKUP_S3_REGION", "eu-west-1"), ("ZEEBE_BROKER_DATA_BACKUP_STORE", "S3")],
            env.Where(e => e.Key.Contains("BACKUP", StringComparison.Ordinal)).Select(e => (e.Key, e.Value)).Order());
    }

    [Fact]
    public void A_changed_bucket_changes_every_brokers_configuration_so_it_rolls_out_like_any_change()
    {
        string Hash(string bucket, int node) =>
            _renderer.Render(WithBackup("camunda/camunda:8.8.3", new BackupStoreSpec(bucket, null, "eu-west-1", null))).Nodes[node].TaskDefinition.For("fsap-1").Tags[TagKeys.ConfigHash];

        Assert.All([0, 1, 2], node => Assert.NotEqual(Hash("bucket-a", node), Hash("bucket-b", node)));
        Assert.Equal(Hash("bucket-a", 0), Hash("bucket-a", 0));
    }

    private static ZeebeClusterDocument WithBackup(string image, BackupStoreSpec store)
    {
        var orders = TestSpecs.Orders(clusterSize: 3, image: image);
        return orders with { Spec = orders.Spec with { Backup = new BackupSpec("0 0 3 * * ?", BackupRetentionSpec.Default, store) } };
    }

    private Dictionary<string, string> Env(ZeebeClusterDocument document) =>
        _renderer.Render(document).Nodes[0].TaskDefinition.For("fsap-1").ContainerDefinitions.Single().Environment.ToDictionary(e => e.Name, e => e.Value);
}

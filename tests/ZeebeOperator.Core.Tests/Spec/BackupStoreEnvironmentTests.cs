using ZeebeOperator.Core.Resources;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Tests.Spec;

/// <summary>
/// Whether a running broker's environment configures an S3 backup store: the planner takes a backup only through
/// brokers that have one, so a wrong answer either blocks every backup or sends one to a broker that cannot write it.
/// </summary>
public sealed class BackupStoreEnvironmentTests
{
    private const string Legacy = "camunda/zeebe:8.7.5";
    private const string Unified = "camunda/camunda:8.8.3";

    [Fact]
    public void A_broker_before_8_8_reads_only_the_legacy_names()
    {
        Assert.True(BackupStoreEnvironment.Configures(Environment(Names.Legacy, "S3", "orders-backups"), Legacy));
        Assert.False(BackupStoreEnvironment.Configures(Environment(Names.Unified, "S3", "orders-backups"), Legacy));
        Assert.False(BackupStoreEnvironment.Configures(Environment(Names.Nested, "S3", "orders-backups"), Legacy));
    }

    [Theory]
    [InlineData(Names.Legacy)]
    [InlineData(Names.Unified)]
    [InlineData(Names.Nested)]
    public void A_broker_from_8_8_on_reads_every_spelling(Names names) =>
        Assert.True(BackupStoreEnvironment.Configures(Environment(names, "S3", "orders-backups"), Unified));

    [Fact]
    public void The_store_value_is_read_without_regard_to_case() =>
        Assert.True(BackupStoreEnvironment.Configures(Environment(Names.Unified, "s3", "orders-backups"), Unified));

    [Theory]
    [InlineData("GCS", "orders-backups")]
    [InlineData("S3", "")]
    [InlineData("S3", null)]
    [InlineData(null, "orders-backups")]
    public void A_store_other_than_S3_or_one_without_a_bucket_is_not_a_backup_store(string? store, string? bucket) =>
        Assert.False(BackupStoreEnvironment.Configures(Environment(Names.Unified, store, bucket), Unified));

    [Fact]
    public void The_rendered_environment_is_read_back_as_a_backup_store()
    {
        var store = new BackupStoreSpec("orders-backups", "orders", "eu-west-1", null);

        foreach (var (naming, image) in new[] { (EnvironmentNaming.Legacy, Legacy), (EnvironmentNaming.Unified, Unified) })
        {
            var rendered = BackupStoreEnvironment.Render(store, naming).Select(e => new KeyValuePairEntry(e.Key, e.Value)).ToList();
            Assert.True(BackupStoreEnvironment.Configures(rendered, image), $"{naming} rendering on {image}");
        }
    }

    public enum Names
    {
        Legacy,
        Unified,
        Nested,
    }

    private static List<KeyValuePairEntry> Environment(Names names, string? store, string? bucket)
    {
        string Name(OwnedBrokerSetting setting) => names switch
        {
            Names.Legacy => setting.LegacyVariable,
            Names.Unified => setting.UnifiedVariable,
            _ => SpringEnvironmentNames.Canonical(setting.OtherProperties[0]),
        };

        List<KeyValuePairEntry> environment = [new("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=50")];
        if (store is not null)
        {
            environment.Add(new(Name(BackupStoreEnvironment.Store), store));
        }

        if (bucket is not null)
        {
            environment.Add(new(Name(BackupStoreEnvironment.BucketName), bucket));
        }

        return environment;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZeebeOperator.Aws.DynamoDb;
using ZeebeOperator.Aws.S3;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Aws.Tests;

public sealed class ServiceCollectionExtensionsTests
{
    [Fact]
    public void Implements_every_AWS_port_from_the_Aws_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aws:Region"] = "eu-west-1",
            ["Aws:EndpointUrl"] = "http://127.0.0.1:4566",
            ["Aws:SpecBucket"] = "zeebe-specs",
            ["Aws:SpecPrefix"] = "clusters",
            ["Aws:TableName"] = "zeebe-operator",
            ["Aws:AuditRetentionDays"] = "30",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddZeebeOperatorCore(configuration).AddAwsAdapters(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<AwsOptions>>().Value;
        Assert.Equal("clusters/", options.NormalizedSpecPrefix);
        Assert.Equal(30, options.AuditRetentionDays);
        Assert.IsType<S3SpecStore>(provider.GetRequiredService<ISpecStore>());
        Assert.IsType<DynamoDbLeaseStore>(provider.GetRequiredService<ILeaseStore>());
        Assert.NotNull(provider.GetRequiredService<IClusterStatusStore>());
        Assert.NotNull(provider.GetRequiredService<IAuditLog>());
        Assert.NotNull(provider.GetRequiredService<IEcsApi>());
        Assert.NotNull(provider.GetRequiredService<IServiceDiscoveryApi>());
        Assert.NotNull(provider.GetRequiredService<IElasticFileSystemApi>());
        Assert.NotNull(provider.GetRequiredService<TableProvisioner>());
        Assert.NotNull(provider.GetRequiredService<StartupCheck>());
    }

    [Fact]
    public void Missing_bucket_fails_validation()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Aws:Region"] = "eu-west-1" }).Build();
        using var provider = new ServiceCollection().AddAwsAdapters(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AwsOptions>>().Value);

        Assert.Contains("Aws:SpecBucket is required (or --bucket).", error.Failures);
    }
}

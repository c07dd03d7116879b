using Amazon.DynamoDBv2;
using Amazon.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ZeebeOperator.Aws.DynamoDb;
using ZeebeOperator.Aws.S3;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Aws;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the AWS implementations of every port (<see cref="ISpecStore"/>, <see cref="IClusterStatusStore"/>,
    /// <see cref="IAuditLog"/>, <see cref="ILeaseStore"/>, <see cref="IEcsApi"/>, <see cref="IServiceDiscoveryApi"/>, <see cref="IElasticFileSystemApi"/>),
    /// <see cref="AwsOptions"/> from the section <c>Aws</c>, the <see cref="CallTransport"/> they make,
    /// <see cref="TableProvisioner"/> and <see cref="StartupCheck"/>.
    /// </summary>
    public static IServiceCollection AddAwsAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AwsOptions>().Bind(configuration.GetSection(AwsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AwsOptions>, AwsOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new AwsClientFactory(sp.GetRequiredService<IOptions<AwsOptions>>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<AwsClientFactory>().CreateS3());
        services.TryAddSingleton(sp => sp.GetRequiredService<AwsClientFactory>().CreateDynamoDb());

        services.AddSingleton<ISpecStore, S3SpecStore>();
        services.AddSingleton<IClusterStatusStore, DynamoDbClusterStatusStore>();
        services.AddSingleton<IAuditLog, DynamoDbAuditLog>();
        services.AddSingleton<ILeaseStore, DynamoDbLeaseStore>();
        services.AddSingleton<IEcsApi>(sp => sp.GetRequiredService<AwsClientFactory>().CreateEcs());
        services.AddSingleton<IServiceDiscoveryApi>(sp => sp.GetRequiredService<AwsClientFactory>().CreateServiceDiscovery());
        services.AddSingleton<IElasticFileSystemApi>(sp => sp.GetRequiredService<AwsClientFactory>().CreateElasticFileSystem());
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AwsOptions>>().Value.ToCallTransport());
        services.AddSingleton<TableProvisioner>();
        services.AddSingleton<StartupCheck>();
        return services;
    }
}

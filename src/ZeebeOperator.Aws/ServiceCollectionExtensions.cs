using Amazon.DynamoDBv2;
using Amazon.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ZeebeOperator.Aws.DynamoDb;
using ZeebeOperator.Aws.Ec2;
using ZeebeOperator.Aws.S3;
using ZeebeOperator.Aws.Sqs;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Events;
using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Aws;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the AWS implementations (<see cref="Implementations"/>) of every port (<see cref="ISpecStore"/>,
    /// <see cref="IClusterStatusStore"/>, <see cref="IAuditLog"/>, <see cref="IEcsApi"/>, <see cref="IServiceDiscoveryApi"/>,
    /// <see cref="IElasticFileSystemApi"/>, <see cref="IEc2Api"/>, <see cref="IEventQueue"/>, <see cref="INotificationQueue"/>), the EC2 host
    /// addresses of bridge/host notification subscribers (<see cref="IContainerHostAddresses"/>), the <see cref="ILeaseStore"/>, <see cref="AwsOptions"/> from the section
    /// <c>Aws</c> (validated), the <see cref="CallTransport"/> they make, <see cref="TableProvisioner"/> and <see cref="StartupCheck"/>.
    /// </summary>
    public static IServiceCollection AddAwsAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AwsOptions>().Bind(configuration.GetSection(AwsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AwsOptions>, AwsOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new AwsClientFactory(sp.GetRequiredService<IOptions<AwsOptions>>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<AwsClientFactory>().CreateS3());
        services.TryAddSingleton(sp => sp.GetRequiredService<AwsClientFactory>().CreateDynamoDb());
        services.TryAddSingleton(sp => sp.GetRequiredService<AwsClientFactory>().CreateSqs());
        services.TryAddSingleton(sp => new SpecKeyPrefix(sp.GetRequiredService<IOptions<AwsOptions>>().Value.NormalizedSpecPrefix));

        services.AddImplementation<ISpecStore, S3SpecStore>();
        services.AddImplementation<IClusterStatusStore, DynamoDbClusterStatusStore>();
        services.AddImplementation<IAuditLog, DynamoDbAuditLog>();
        services.AddImplementation<INotificationOutbox, DynamoDbNotificationOutbox>();
        services.AddImplementation<IEventQueue, SqsEventQueue>();
        services.AddImplementation<INotificationQueue, SqsNotificationQueue>();
        services.AddSingleton<ILeaseStore, DynamoDbLeaseStore>();
        services.AddImplementation<IEcsApi>(sp => sp.GetRequiredService<AwsClientFactory>().CreateEcs());
        services.AddImplementation<IServiceDiscoveryApi>(sp => sp.GetRequiredService<AwsClientFactory>().CreateServiceDiscovery());
        services.AddImplementation<IElasticFileSystemApi>(sp => sp.GetRequiredService<AwsClientFactory>().CreateElasticFileSystem());
        services.AddImplementation<IEc2Api>(sp => new Ec2ApiClient(sp.GetRequiredService<AwsClientFactory>().CreateEc2()));
        services.TryAddSingleton<IContainerHostAddresses, ContainerHostAddresses>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AwsOptions>>().Value.ToCallTransport());
        services.AddSingleton<TableProvisioner>();
        services.AddSingleton<StartupCheck>();
        return services;
    }
}

using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Simulation.Infrastructure;

/// <summary>Builds <see cref="AwsApiException"/>s with each service's real error codes.</summary>
internal static class AwsErrors
{
    public static AwsApiException Create(string service, string operation, AwsErrorKind kind, string code, string message) =>
        new(service, operation, kind, code, message);

    /// <summary>The code a service answers with for a kind of failure, used by injected faults.</summary>
    public static string DefaultCode(string service, AwsErrorKind kind) => (service, kind) switch
    {
        (_, AwsErrorKind.AccessDenied) => "AccessDeniedException",
        (AwsServices.Ecs, AwsErrorKind.Throttled) => "ThrottlingException",
        (AwsServices.Ecs, AwsErrorKind.ServiceUnavailable) => "ServerException",
        (AwsServices.Ecs, AwsErrorKind.NotFound) => "ServiceNotFoundException",
        (AwsServices.Ecs, AwsErrorKind.Conflict) => "ServiceNotActiveException",
        (AwsServices.Ecs, AwsErrorKind.Unknown) => "ClientException",
        (AwsServices.Ecs, _) => "InvalidParameterException",
        (AwsServices.ServiceDiscovery, AwsErrorKind.Throttled) => "ThrottlingException",
        (AwsServices.ServiceDiscovery, AwsErrorKind.ServiceUnavailable) => "ServiceUnavailable",
        (AwsServices.ServiceDiscovery, AwsErrorKind.NotFound) => "ServiceNotFound",
        (AwsServices.ServiceDiscovery, AwsErrorKind.AlreadyExists) => "ServiceAlreadyExists",
        (AwsServices.ServiceDiscovery, AwsErrorKind.Conflict) => "ResourceInUse",
        (AwsServices.ServiceDiscovery, _) => "InvalidInput",
        (AwsServices.Efs, AwsErrorKind.Throttled) => "ThrottlingException",
        (AwsServices.Efs, AwsErrorKind.ServiceUnavailable) => "InternalServerError",
        (AwsServices.Efs, AwsErrorKind.NotFound) => "AccessPointNotFound",
        (AwsServices.Efs, AwsErrorKind.AlreadyExists) => "AccessPointAlreadyExists",
        (AwsServices.Efs, AwsErrorKind.Conflict) => "IncorrectFileSystemLifeCycleState",
        (AwsServices.Efs, _) => "BadRequest",
        (AwsServices.S3, AwsErrorKind.Throttled) => "SlowDown",
        (AwsServices.S3, AwsErrorKind.ServiceUnavailable) => "InternalError",
        (AwsServices.S3, AwsErrorKind.NotFound) => "NoSuchKey",
        (AwsServices.S3, AwsErrorKind.Conflict) => "PreconditionFailed",
        (AwsServices.S3, _) => "InvalidArgument",
        (AwsServices.DynamoDb, AwsErrorKind.Throttled) => "ThrottlingException",
        (AwsServices.DynamoDb, AwsErrorKind.ServiceUnavailable) => "InternalServerError",
        (AwsServices.DynamoDb, AwsErrorKind.NotFound) => "ResourceNotFoundException",
        (AwsServices.DynamoDb, AwsErrorKind.Conflict) => "ConditionalCheckFailedException",
        (AwsServices.DynamoDb, _) => "ValidationException",
        (_, AwsErrorKind.Throttled) => "ThrottlingException",
        (_, AwsErrorKind.ServiceUnavailable) => "ServiceUnavailable",
        _ => "InternalFailure",
    };
}

using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Simulation.Infrastructure;

/// <summary>Builds <see cref="AwsApiException"/>s with each service's real error codes.</summary>
internal static class AwsErrors
{
    public static AwsApiException Create(string service, string operation, AwsErrorKind kind, string code, string message) =>
        new(service, operation, kind, code, message);

    /// <summary>The code a service answers with for a kind of failure, used by injected faults.</summary>
    public static string DefaultCode(string service, AwsErrorKind kind)
    {
        if (kind == AwsErrorKind.AccessDenied)
        {
            return "AccessDeniedException";
        }

        if (!CodesByService.TryGetValue(service, out var codes))
        {
            return kind switch
            {
                AwsErrorKind.Throttled => "ThrottlingException",
                AwsErrorKind.ServiceUnavailable => "ServiceUnavailable",
                _ => "InternalFailure",
            };
        }

        return kind switch
        {
            AwsErrorKind.Throttled => codes.Throttled,
            AwsErrorKind.ServiceUnavailable => codes.Unavailable,
            AwsErrorKind.NotFound => codes.NotFound,
            AwsErrorKind.AlreadyExists when codes.AlreadyExists is { } exists => exists,
            AwsErrorKind.Conflict => codes.Conflict,
            AwsErrorKind.Unknown when codes.Unknown is { } unknown => unknown,
            _ => codes.Invalid,
        };
    }

    private static readonly Dictionary<string, ServiceErrorCodes> CodesByService = new()
    {
        [AwsServices.Ecs] = new("ThrottlingException", "ServerException", "ServiceNotFoundException", "ServiceNotActiveException", "InvalidParameterException", Unknown: "ClientException"),
        [AwsServices.ServiceDiscovery] = new("ThrottlingException", "ServiceUnavailable", "ServiceNotFound", "ResourceInUse", "InvalidInput", AlreadyExists: "ServiceAlreadyExists"),
        [AwsServices.Efs] = new("ThrottlingException", "InternalServerError", "AccessPointNotFound", "IncorrectFileSystemLifeCycleState", "BadRequest", AlreadyExists: "AccessPointAlreadyExists"),
        [AwsServices.Ec2] = new("RequestLimitExceeded", "Unavailable", "InvalidInstanceID.NotFound", "IncorrectState", "InvalidParameterValue", Unknown: "InternalError"),
        [AwsServices.S3] = new("SlowDown", "InternalError", "NoSuchKey", "PreconditionFailed", "InvalidArgument"),
        [AwsServices.DynamoDb] = new("ThrottlingException", "InternalServerError", "ResourceNotFoundException", "ConditionalCheckFailedException", "ValidationException"),
    };

    /// <summary>One service's error codes; a kind without its own code (AlreadyExists, Unknown) answers as invalid input.</summary>
    private sealed record ServiceErrorCodes(
        string Throttled,
        string Unavailable,
        string NotFound,
        string Conflict,
        string Invalid,
        string? AlreadyExists = null,
        string? Unknown = null);
}

using System.Net;
using Amazon.Runtime;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Aws;

/// <summary>Maps AWS error codes (every service the adapters call) onto the core's <see cref="AwsErrorKind"/>.</summary>
internal static class AwsErrorMapper
{
    private static readonly Dictionary<string, AwsErrorKind> Codes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ServiceNotFoundException"] = AwsErrorKind.NotFound,
        ["ClusterNotFoundException"] = AwsErrorKind.NotFound,
        ["AccessPointNotFound"] = AwsErrorKind.NotFound,
        ["FileSystemNotFound"] = AwsErrorKind.NotFound,
        ["ServiceNotFound"] = AwsErrorKind.NotFound,
        ["NamespaceNotFound"] = AwsErrorKind.NotFound,
        ["ResourceNotFoundException"] = AwsErrorKind.NotFound,
        ["NoSuchKey"] = AwsErrorKind.NotFound,
        ["InvalidInstanceID.NotFound"] = AwsErrorKind.NotFound,
        ["InvalidInstanceID.Malformed"] = AwsErrorKind.InvalidParameter,
        ["InvalidParameterCombination"] = AwsErrorKind.InvalidParameter,
        ["FilterLimitExceeded"] = AwsErrorKind.InvalidParameter,
        ["Unavailable"] = AwsErrorKind.ServiceUnavailable,

        // SQS answers in JSON, with its older query-protocol code alongside, which the SDK reports when present.
        ["QueueDoesNotExist"] = AwsErrorKind.NotFound,
        ["AWS.SimpleQueueService.NonExistentQueue"] = AwsErrorKind.NotFound,
        ["RequestThrottled"] = AwsErrorKind.Throttled,
        ["AWS.SimpleQueueService.RequestThrottled"] = AwsErrorKind.Throttled,
        ["InvalidParameterValue"] = AwsErrorKind.InvalidParameter, // EC2 and SQS
        ["MissingParameter"] = AwsErrorKind.InvalidParameter,
        ["InvalidMessageContents"] = AwsErrorKind.InvalidParameter,
        ["UnsupportedOperation"] = AwsErrorKind.InvalidParameter,
        ["AWS.SimpleQueueService.UnsupportedOperation"] = AwsErrorKind.InvalidParameter,
        ["InvalidAddress"] = AwsErrorKind.InvalidParameter,
        ["InvalidSecurity"] = AwsErrorKind.AccessDenied,
        ["KmsAccessDenied"] = AwsErrorKind.AccessDenied,

        // Not NotFound: to the spec store that means the key is absent (a deleted spec, or a lost race under If-Match);
        // a missing bucket is the store itself misconfigured.
        ["NoSuchBucket"] = AwsErrorKind.InvalidParameter,
        ["NotFound"] = AwsErrorKind.NotFound,
        ["ServiceAlreadyExists"] = AwsErrorKind.AlreadyExists,
        ["AccessPointAlreadyExists"] = AwsErrorKind.AlreadyExists,
        ["ResourceInUseException"] = AwsErrorKind.Conflict,
        ["ThrottlingException"] = AwsErrorKind.Throttled,
        ["Throttling"] = AwsErrorKind.Throttled,
        ["TooManyRequestsException"] = AwsErrorKind.Throttled,
        ["ThrottledException"] = AwsErrorKind.Throttled,
        ["RequestLimitExceeded"] = AwsErrorKind.Throttled,
        ["ProvisionedThroughputExceededException"] = AwsErrorKind.Throttled,
        ["SlowDown"] = AwsErrorKind.Throttled,
        ["InvalidParameterException"] = AwsErrorKind.InvalidParameter,
        ["InvalidInput"] = AwsErrorKind.InvalidParameter,
        ["ClientException"] = AwsErrorKind.InvalidParameter,
        ["BadRequest"] = AwsErrorKind.InvalidParameter,
        ["ValidationException"] = AwsErrorKind.InvalidParameter,
        ["ResourceInUse"] = AwsErrorKind.Conflict,
        ["ServiceNotActiveException"] = AwsErrorKind.Conflict,
        ["ConcurrentModification"] = AwsErrorKind.Conflict,
        ["ConcurrentModificationException"] = AwsErrorKind.Conflict,
        ["IncorrectFileSystemLifeCycleState"] = AwsErrorKind.Conflict,
        ["ConditionalCheckFailedException"] = AwsErrorKind.Conflict,
        ["PreconditionFailed"] = AwsErrorKind.Conflict,
        ["ConditionalRequestConflict"] = AwsErrorKind.Conflict,
        ["ServerException"] = AwsErrorKind.ServiceUnavailable,
        ["InternalServerError"] = AwsErrorKind.ServiceUnavailable,
        ["InternalError"] = AwsErrorKind.ServiceUnavailable,
        ["InternalFailure"] = AwsErrorKind.ServiceUnavailable,
        ["ServiceUnavailable"] = AwsErrorKind.ServiceUnavailable,
        ["ServiceUnavailableException"] = AwsErrorKind.ServiceUnavailable,
    };

    public static AwsErrorKind Classify(string? errorCode, HttpStatusCode statusCode, string? message = null)
    {
        var code = errorCode ?? string.Empty;
        if (Codes.TryGetValue(code, out var kind))
        {
            return code == "ClientException" && LooksLikeNotFound(message) ? AwsErrorKind.NotFound : kind;
        }

        if (code.StartsWith("AccessDenied", StringComparison.OrdinalIgnoreCase)
            || code is "UnrecognizedClientException" or "InvalidClientTokenId" or "InvalidAccessKeyId"
                or "SignatureDoesNotMatch" or "ExpiredToken" or "ExpiredTokenException" or "IncompleteSignature")
        {
            return AwsErrorKind.AccessDenied;
        }

        return (int)statusCode switch
        {
            >= 500 => AwsErrorKind.ServiceUnavailable,
            429 => AwsErrorKind.Throttled,
            403 => AwsErrorKind.AccessDenied,
            404 => AwsErrorKind.NotFound,
            409 or 412 => AwsErrorKind.Conflict,
            400 => AwsErrorKind.InvalidParameter,
            _ => AwsErrorKind.Unknown,
        };
    }

    /// <summary>ECS answers an unknown task definition with a ClientException whose message says so.</summary>
    public static bool LooksLikeNotFound(string? message) =>
        message is not null
        && (message.Contains("not found", StringComparison.OrdinalIgnoreCase)
            || message.Contains("does not exist", StringComparison.OrdinalIgnoreCase)
            || message.Contains("Unable to describe task definition", StringComparison.OrdinalIgnoreCase));

    public static AwsApiException ToApiException(string service, string operation, AmazonServiceException exception)
    {
        var code = string.IsNullOrEmpty(exception.ErrorCode)
            ? ((int)exception.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : exception.ErrorCode;
        return new AwsApiException(service, operation, Classify(code, exception.StatusCode, exception.Message), code, exception.Message, exception);
    }

    /// <summary>Failures before or around the HTTP call: no credentials, no network, timeouts.</summary>
    public static AwsApiException ToApiException(string service, string operation, AmazonClientException exception)
    {
        var transient = exception.InnerException is HttpRequestException or IOException or TimeoutException or TaskCanceledException;
        return new AwsApiException(
            service,
            operation,
            transient ? AwsErrorKind.ServiceUnavailable : AwsErrorKind.Unknown,
            transient ? "NetworkError" : "ClientError",
            exception.Message,
            exception);
    }

    /// <summary>Runs one SDK call and turns SDK exceptions into <see cref="AwsApiException"/>.</summary>
    public static async Task<T> GuardAsync<T>(string service, string operation, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AmazonServiceException exception)
        {
            throw ToApiException(service, operation, exception);
        }
        catch (AmazonClientException exception)
        {
            throw ToApiException(service, operation, exception);
        }
        catch (HttpRequestException exception)
        {
            throw new AwsApiException(service, operation, AwsErrorKind.ServiceUnavailable, "NetworkError", exception.Message, exception);
        }
        catch (TimeoutException exception)
        {
            // The SDK's answer to an attempt that outlived ClientConfig.Timeout (Aws:Timeout).
            throw new AwsApiException(service, operation, AwsErrorKind.ServiceUnavailable, "Timeout", exception.Message, exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AwsApiException(service, operation, AwsErrorKind.ServiceUnavailable, "Timeout", exception.Message, exception);
        }
    }
}

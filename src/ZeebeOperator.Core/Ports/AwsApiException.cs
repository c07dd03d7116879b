namespace ZeebeOperator.Core.Ports;

/// <summary>How the core classifies a failed AWS call; adapters map service error codes onto these.</summary>
public enum AwsErrorKind
{
    NotFound,
    AlreadyExists,
    Throttled,
    InvalidParameter,
    AccessDenied,

    /// <summary>The resource is busy (in use, being deleted, an operation in progress).</summary>
    Conflict,

    /// <summary>5xx, timeouts and other failures where retrying later is right.</summary>
    ServiceUnavailable,
    Unknown,
}

/// <summary>A failed AWS call, as the core sees it. Every port method may throw it.</summary>
public sealed class AwsApiException(
    string service,
    string operation,
    AwsErrorKind kind,
    string errorCode,
    string message,
    Exception? innerException = null)
    : Exception($"{service} {operation} failed: {errorCode}: {message}", innerException)
{
    public string Service { get; } = service;

    public string Operation { get; } = operation;

    public AwsErrorKind Kind { get; } = kind;

    /// <summary>The service's own error code, e.g. <c>ServiceNotFoundException</c>.</summary>
    public string ErrorCode { get; } = errorCode;

    public string ErrorMessage { get; } = message;

    public bool IsTransient => Kind is AwsErrorKind.Throttled or AwsErrorKind.ServiceUnavailable;
}

namespace ZeebeOperator.Core.Ports;

/// <summary>
/// Describes what a port method does on the system behind it, once, where the method is declared: metering, chaos
/// and the IAM policy test read it (<see cref="PortOperation"/>), so a new port method needs nothing but this.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public abstract class PortOperationAttribute(string service, string operation) : Attribute
{
    /// <summary>The service, as AWS names it in IAM actions and the operator in metrics (<c>ecs</c>, <c>s3</c>, …, <c>zeebe</c>).</summary>
    public string Service { get; } = service;

    /// <summary>The API operation the method calls, e.g. <c>CreateService</c>.</summary>
    public string Operation { get; } = operation;

    /// <summary>The call changes something (and so is audited, fenced, and may lose its response).</summary>
    public bool Mutates { get; init; }
}

/// <summary>An AWS API operation; its IAM action is <c>service:Operation</c> unless <see cref="IamAction"/> says otherwise.</summary>
public sealed class AwsOperationAttribute(string service, string operation) : PortOperationAttribute(service, operation)
{
    /// <summary>The action IAM authorises the call as, when it is not named after the operation (S3's ListObjectsV2 is <c>s3:ListBucket</c>).</summary>
    public string? IamAction { get; init; }
}

/// <summary>A call to Zeebe's management API on a broker (service <c>zeebe</c>).</summary>
public sealed class ZeebeOperationAttribute(string operation) : PortOperationAttribute(ZeebeService, operation)
{
    public const string ZeebeService = "zeebe";
}

/// <summary>
/// Marks the parameter that names what a call acts on, for messages about the call (the chaos ledger's unaudited
/// calls). A string is taken as it is, a URI by its host, a list by its items; for a request, <see cref="Property"/>
/// names the property to take.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class TargetAttribute(string? property = null) : Attribute
{
    public string? Property { get; } = property;
}

/// <summary>
/// Marks a <see cref="bool"/> parameter that, when true, makes a mutating operation only plan (Zeebe's
/// <c>?dryRun=true</c>): such a call changes nothing, so it is not a mutating call.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class DryRunAttribute : Attribute;

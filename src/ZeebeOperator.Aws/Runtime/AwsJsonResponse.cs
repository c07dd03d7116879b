using Amazon.Runtime;

namespace ZeebeOperator.Aws.Runtime;

/// <summary>The raw JSON answer of a call; the typed clients deserialise it with their own DTOs.</summary>
internal sealed class AwsJsonResponse : AmazonWebServiceResponse
{
    public byte[] Body { get; set; } = [];
}

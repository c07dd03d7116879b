using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace ZeebeOperator.Aws.Runtime;

/// <summary>Reads the body of a successful call, and turns an error answer into an <see cref="AmazonServiceException"/>
/// with the service's error code, which the SDK's retry policy uses to recognise throttling.</summary>
internal sealed class AwsJsonResponseUnmarshaller : JsonResponseUnmarshaller
{
    public static AwsJsonResponseUnmarshaller Instance { get; } = new();

    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext input) =>
        new AwsJsonResponse { Body = ReadAll(input.Stream) };

    public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext input, Exception innerException, HttpStatusCode statusCode)
    {
        var error = AwsErrorBody.Parse(
            ReadAll(input.Stream),
            input.ResponseData?.GetHeaderValue("x-amzn-ErrorType"),
            statusCode);
        var requestId = input.ResponseData?.GetHeaderValue("x-amzn-RequestId");
        var type = (int)statusCode >= 500 ? ErrorType.Receiver : ErrorType.Sender;
        return new AmazonServiceException(error.Message, innerException, type, error.Code, requestId, statusCode);
    }

    private static byte[] ReadAll(Stream? stream)
    {
        if (stream is null)
        {
            return [];
        }

        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}

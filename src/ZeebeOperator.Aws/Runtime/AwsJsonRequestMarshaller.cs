using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace ZeebeOperator.Aws.Runtime;

/// <summary>Turns an <see cref="AwsJsonRequest"/> into the SDK's <see cref="IRequest"/>: JSON 1.1 or REST-JSON framing.</summary>
internal sealed class AwsJsonRequestMarshaller(AwsServiceDescriptor service) : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public const string JsonRpcContentType = "application/x-amz-json-1.1";
    public const string RestJsonContentType = "application/json";

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var call = (AwsJsonRequest)input;
        var request = new DefaultRequest(call, "Amazon." + service.ServiceId);
        if (service.IsJsonRpc)
        {
            request.Headers["X-Amz-Target"] = service.TargetPrefix + "." + call.Operation;
            request.Headers["Content-Type"] = JsonRpcContentType;
            request.HttpMethod = "POST";
            request.ResourcePath = "/";
            request.Content = call.Body ?? "{}"u8.ToArray();
            return request;
        }

        request.HttpMethod = call.HttpMethod;
        request.ResourcePath = call.PathTemplate;
        foreach (var (name, value) in call.PathValues)
        {
            request.AddPathResource("{" + name + "}", value);
        }

        foreach (var (name, value) in call.Query)
        {
            request.Parameters.Add(name, value);
        }

        request.UseQueryString = call.Query.Count > 0;
        if (call.Body is not null)
        {
            request.Headers["Content-Type"] = RestJsonContentType;
            request.Content = call.Body;
        }

        return request;
    }
}

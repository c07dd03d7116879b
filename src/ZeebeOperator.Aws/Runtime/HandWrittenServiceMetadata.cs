using Amazon.Runtime.Internal;

namespace ZeebeOperator.Aws.Runtime;

internal sealed class HandWrittenServiceMetadata(string serviceId) : IServiceMetadata
{
    public string ServiceId { get; } = serviceId;

    public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>();
}

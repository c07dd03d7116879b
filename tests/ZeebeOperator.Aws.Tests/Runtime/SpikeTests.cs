using System.Text;
using Amazon.Runtime;
using ZeebeOperator.Aws.Runtime;
using ZeebeOperator.Aws.Tests.Infrastructure;

namespace ZeebeOperator.Aws.Tests.Runtime;

public sealed class SpikeTests
{
    [Fact]
    public async Task Sends_signed_json_rpc_request()
    {
        await using var server = new LoopbackHttpServer(_ => CannedResponse.Json("{\"taskArns\":[]}"));
        var config = new HandWrittenClientConfig(AwsServiceDescriptor.Ecs) { ServiceURL = server.Url, AuthenticationRegion = "eu-west-1" };
        using var client = new HandWrittenServiceClient(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), config);
        var body = await client.SendAsync(new AwsJsonRequest("ListTasks", Encoding.UTF8.GetBytes("{\"cluster\":\"c\"}")), CancellationToken.None);
        Assert.Equal("{\"taskArns\":[]}", Encoding.UTF8.GetString(body));
        var request = Assert.Single(server.Requests);
        foreach (var h in request.Headers) Console.WriteLine($"{h.Key}: {h.Value}");
        Console.WriteLine(request.Method + " " + request.Target + " " + request.BodyText);
    }
}

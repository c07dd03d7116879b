using Amazon.Runtime;
using Microsoft.Extensions.Options;

namespace ZeebeOperator.Aws.Tests.Infrastructure;

/// <summary>Runs one real client call against a loopback server with fake static credentials.</summary>
public static class Capture
{
    public const string AccessKey = "AKIDEXAMPLE";
    public const string Region = "eu-west-1";

    public static AwsOptions Options(string endpoint) => new()
    {
        Region = Region,
        EndpointUrl = endpoint,
        SpecBucket = "zeebe-specs",
        SpecPrefix = "clusters",
        TableName = "zeebe-operator",
    };

    public static AwsClientFactory Factory(string endpoint) =>
        new(Microsoft.Extensions.Options.Options.Create(Options(endpoint)), new BasicAWSCredentials(AccessKey, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));

    public static async Task<(T Result, CapturedRequest Request)> RunAsync<T>(
        Func<AwsClientFactory, Task<T>> call,
        string responseBody,
        int status = 200,
        string contentType = "application/x-amz-json-1.1")
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(status, responseBody, null, contentType));
        var result = await call(Factory(server.Url));
        return (result, server.Requests.Last());
    }

    public static Task<(bool Result, CapturedRequest Request)> RunAsync(
        Func<AwsClientFactory, Task> call,
        string responseBody,
        int status = 200,
        string contentType = "application/x-amz-json-1.1") =>
        RunAsync(
            async factory =>
            {
                await call(factory);
                return true;
            },
            responseBody,
            status,
            contentType);
}

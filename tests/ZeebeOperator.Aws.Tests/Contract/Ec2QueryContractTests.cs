using System.Text.Json.Nodes;
using System.Web;
using ZeebeOperator.Aws.Ec2;
using ZeebeOperator.Aws.Tests.Infrastructure;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Aws.Tests.Contract;

/// <summary>The EC2 adapter (AWSSDK.EC2, EC2's query protocol) against the official model: what it sends and reads.</summary>
public sealed class Ec2QueryContractTests
{
    private static readonly Lazy<ApiModel> Model = new(() => ApiModel.Load("ec2-2016-11-15"));

    private const string Answer = """
        <DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
          <requestId>8f7724cf-496f-496e-8fe3-example</requestId>
          <reservationSet>
            <item>
              <reservationId>r-1234567890abcdef0</reservationId>
              <instancesSet>
                <item><instanceId>i-0a1b2c3d4e5f60718</instanceId><instanceState><code>16</code><name>running</name></instanceState><privateIpAddress>10.0.7.21</privateIpAddress></item>
                <item><instanceId>i-0b1b2c3d4e5f60718</instanceId><instanceState><code>48</code><name>terminated</name></instanceState></item>
              </instancesSet>
            </item>
          </reservationSet>
          <nextToken>page-2</nextToken>
        </DescribeInstancesResponse>
        """;

    [Fact]
    public async Task Describe_instances_by_the_instance_id_filter_matches_the_model()
    {
        var query = new Ec2InstanceQuery(InstanceIdFilter: ["i-0a1b2c3d4e5f60718", "i-0b1b2c3d4e5f60718"], MaxResults: 1000, NextToken: "page-1");

        var (_, request) = await Capture.RunAsync(f => new Ec2ApiClient(f.CreateEc2()).DescribeInstancesAsync(query, default), Answer, contentType: "text/xml");

        var form = HttpUtility.ParseQueryString(request.BodyText);
        Assert.Equal("POST", request.Method);
        Assert.Equal("DescribeInstances", form["Action"]);
        Assert.Equal((string?)Model.Value.Metadata["apiVersion"], form["Version"]);
        JsonRpcContractTests.AssertSigned(request, "ec2");
        var members = QueryNames(Model.Value.Resolve(Model.Value.Operation("DescribeInstances")["input"]));
        Assert.All(form.AllKeys.Except(["Action", "Version"]), key => Assert.Contains(key!.Split('.')[0], members));
        Assert.Equal(("instance-id", "i-0a1b2c3d4e5f60718", "i-0b1b2c3d4e5f60718"), (form["Filter.1.Name"], form["Filter.1.Value.1"], form["Filter.1.Value.2"]));
        Assert.Equal(("1000", "page-1"), (form["MaxResults"], form["NextToken"]));
        Assert.Null(form["InstanceId.1"]);
    }

    [Fact]
    public async Task Describe_instances_reads_every_instance_its_state_and_private_address_and_the_next_token()
    {
        var (page, _) = await Capture.RunAsync(
            f => new Ec2ApiClient(f.CreateEc2()).DescribeInstancesAsync(new Ec2InstanceQuery(InstanceIdFilter: ["i-0a1b2c3d4e5f60718"]), default), Answer, contentType: "text/xml");

        Assert.Equal(
            [new Ec2Instance("i-0a1b2c3d4e5f60718", "running", "10.0.7.21"), new Ec2Instance("i-0b1b2c3d4e5f60718", "terminated", null)],
            page.Instances);
        Assert.Equal("page-2", page.NextToken);
    }

    [Fact]
    public async Task An_unknown_instance_id_is_a_not_found_error_with_EC2s_code()
    {
        const string Error = """
            <Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>The instance ID 'i-0c1b2c3d4e5f60718' does not exist</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>
            """;

        var error = await Assert.ThrowsAsync<AwsApiException>(() => Capture.RunAsync(
            f => new Ec2ApiClient(f.CreateEc2()).DescribeInstancesAsync(new Ec2InstanceQuery(InstanceIds: ["i-0c1b2c3d4e5f60718"]), default), Error, status: 400, contentType: "text/xml"));

        Assert.Equal((AwsErrorKind.NotFound, "InvalidInstanceID.NotFound"), (error.Kind, error.ErrorCode));
    }

    /// <summary>The parameter names EC2's query protocol gives the members: queryName, else the capitalised locationName, else the name.</summary>
    private static HashSet<string> QueryNames(JsonObject input) =>
        input["members"]!.AsObject().Select(m =>
            (string?)m.Value!["queryName"]
            ?? ((string?)m.Value!["locationName"] is { } location ? char.ToUpperInvariant(location[0]) + location[1..] : m.Key)).ToHashSet(StringComparer.Ordinal);
}

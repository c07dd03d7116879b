using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ZeebeOperator.Aws.Tests.Infrastructure;
using ZeebeOperator.Core.Ports;
using Capture = ZeebeOperator.Aws.Tests.Infrastructure.Capture;

namespace ZeebeOperator.Aws.Tests.Contract;

/// <summary>Every EFS request the client sends (method, URI, query string, body), checked against the official model.</summary>
public sealed class RestJsonContractTests
{
    private static readonly Lazy<ApiModel> Model = new(() => ApiModel.Load("elasticfilesystem-2015-02-01"));

    public static TheoryData<string> Operations => [.. PortOperation.AllOf(typeof(IElasticFileSystemApi)).Select(o => o.Operation)];

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Request_matches_the_model(string operation)
    {
        var model = Model.Value;
        var op = model.Operation(operation);
        var response = JsonRpcContractTests.ResponsesFor(model, operation)[0].ToJsonString();
        var (_, request) = await Capture.RunAsync(f => Invoke(f, operation), response, contentType: "application/json");

        Assert.Equal((string?)op["http"]!["method"] ?? "POST", request.Method);
        var input = model.Resolve(op["input"]);
        var members = input["members"]?.AsObject() ?? new JsonObject();
        var template = (string)op["http"]!["requestUri"]!;
        var uriPattern = "^" + Regex.Replace(Regex.Escape(template.Split('?')[0]), @"\\\{(\w+)\}", m => $"(?<{m.Groups[1].Value}>[^/]+)") + "$";
        var match = Regex.Match(request.Path, uriPattern);
        Assert.True(match.Success, $"{request.Path} does not match {template}");

        var errors = new List<string>();
        foreach (var (name, member) in members)
        {
            var resolved = model.Resolve(member);
            if ((string?)resolved["location"] == "uri")
            {
                var value = Uri.UnescapeDataString(match.Groups[(string)resolved["locationName"]!].Value);
                CheckConstraint(name, value, errors);
            }
        }

        foreach (var pair in request.Query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = (Uri.UnescapeDataString(pair.Split('=')[0]), Uri.UnescapeDataString(pair.Split('=', 2)[1]));
            var member = members.Select(m => model.Resolve(m.Value)).FirstOrDefault(m => (string?)m["location"] == "querystring" && (string?)m["locationName"] == key);
            if (member is null)
            {
                errors.Add($"unknown query parameter {key}");
                continue;
            }

            if (ApiModel.TypeOf(member) == "integer" && !int.TryParse(value, out _))
            {
                errors.Add($"query parameter {key} is not an integer");
            }

            CheckConstraint(key, value, errors);
        }

        foreach (var required in input["required"]?.AsArray() ?? [])
        {
            var member = model.Resolve(members[(string)required!]);
            if ((string?)member["location"] == "querystring" && !request.Query.Contains((string)member["locationName"]! + "=", StringComparison.Ordinal))
            {
                errors.Add($"required query parameter {member["locationName"]} is missing");
            }
        }

        var bodyMembersOnly = new Func<JsonObject, bool>(m => m["location"] is null);
        if (request.Body.Length > 0)
        {
            Assert.Equal("application/json", request.Header("Content-Type"));
            errors.AddRange(new ModelValidator(model, PublishedConstraints.ElasticFileSystem).Validate(JsonNode.Parse(request.Body), op["input"], "$", bodyMembersOnly));
        }
        else
        {
            Assert.DoesNotContain(input["required"]?.AsArray() ?? [], r => bodyMembersOnly(model.Resolve(members[(string)r!])));
        }

        Assert.True(errors.Count == 0, $"{operation}: {string.Join("; ", errors)}\n{request.Method} {request.Target}\n{request.BodyText}");
        JsonRpcContractTests.AssertSigned(request, "elasticfilesystem");
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Model_shaped_responses_parse(string operation)
    {
        var model = Model.Value;
        foreach (var output in JsonRpcContractTests.ResponsesFor(model, operation))
        {
            Assert.Empty(new ModelValidator(model).Validate(output, model.Operation(operation)["output"]));
            await Capture.RunAsync(f => Invoke(f, operation), output.ToJsonString(), contentType: "application/json");
        }
    }

    [Fact]
    public async Task Describe_access_points_follows_next_tokens_and_maps_tags()
    {
        var pages = new Queue<string>(
        [
            """{"AccessPoints":[{"AccessPointId":"fsap-0123456789abcdef0","AccessPointArn":"arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-0123456789abcdef0","FileSystemId":"fs-0123456789abcdef0","PosixUser":{"Uid":1001,"Gid":0},"RootDirectory":{"Path":"/zeebe/orders/node-0","CreationInfo":{"OwnerUid":1001,"OwnerGid":0,"Permissions":"0750"}},"LifeCycleState":"available","Tags":[{"Key":"Name","Value":"orders-broker-0"}]}],"NextToken":"page-2"}""",
            """{"AccessPoints":[{"AccessPointId":"fsap-0123456789abcdef1","FileSystemId":"fs-0123456789abcdef0","RootDirectory":{"Path":"/zeebe/orders/node-1"},"LifeCycleState":"creating","Tags":[]}]}""",
        ]);
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, pages.Dequeue(), ContentType: "application/json"));

        var accessPoints = await Capture.Factory(server.Url).CreateElasticFileSystem().DescribeAccessPointsAsync(Samples.FileSystemId, default);

        Assert.Equal(["fsap-0123456789abcdef0", "fsap-0123456789abcdef1"], accessPoints.Select(a => a.AccessPointId));
        Assert.Equal("orders-broker-0", accessPoints[0].Name);
        Assert.Equal(1001, accessPoints[0].PosixUser!.Uid);
        Assert.Equal("/zeebe/orders/node-1", accessPoints[1].RootPath);
        var requests = server.Requests.ToList();
        Assert.DoesNotContain("NextToken", requests[0].Query, StringComparison.Ordinal);
        Assert.Contains("NextToken=page-2", requests[1].Query, StringComparison.Ordinal);
    }

    private static void CheckConstraint(string name, string value, List<string> errors)
    {
        if (PublishedConstraints.ElasticFileSystem.TryGetValue(name, out var c) && c.Pattern is not null && !Regex.IsMatch(value, c.Pattern))
        {
            errors.Add($"{name} '{value}' does not match {c.Pattern}");
        }
    }

    private static Task Invoke(AwsClientFactory factory, string operation)
    {
        var efs = factory.CreateElasticFileSystem();
        return operation switch
        {
            "DescribeAccessPoints" => efs.DescribeAccessPointsAsync(Samples.FileSystemId, default),
            "CreateAccessPoint" => efs.CreateAccessPointAsync(Samples.CreateAccessPoint, default),
            "DeleteAccessPoint" => efs.DeleteAccessPointAsync(Samples.AccessPointId, default),
            "TagResource" => efs.TagResourceAsync(Samples.AccessPointId, Samples.Tags, default),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }
}

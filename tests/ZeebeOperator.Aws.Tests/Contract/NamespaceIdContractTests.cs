using System.Text.Json.Nodes;
using ZeebeOperator.Aws.Tests.Infrastructure;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Aws.Tests.Contract;

/// <summary>A spec's <c>serviceDiscovery.namespaceId</c> goes to Cloud Map as is: the spec accepts what the API accepts.</summary>
public sealed class NamespaceIdContractTests
{
    private static readonly Lazy<ApiModel> CloudMapModel = new(() => ApiModel.Load("servicediscovery-2017-03-14"));

    [Fact]
    public void The_longest_namespace_id_a_spec_accepts_is_the_longest_Cloud_Map_accepts() =>
        Assert.Equal(PublishedConstraints.ServiceDiscovery["$.NamespaceId"].Max, SpecLimits.MaxNamespaceIdLength);

    [Fact]
    public async Task A_create_service_request_for_the_longest_namespace_id_a_spec_accepts_matches_the_model()
    {
        var namespaceId = "ns-" + new string('a', SpecLimits.MaxNamespaceIdLength - 3);
        Assert.Empty(SpecParser.Parse(ValidSpecWithNamespace(namespaceId)).Errors);

        var model = CloudMapModel.Value;
        var (_, request) = await Capture.RunAsync(
            f => f.CreateServiceDiscovery().CreateServiceAsync(Samples.CreateDiscoveryService with { NamespaceId = namespaceId }, default),
            JsonRpcContractTests.ResponsesFor(model, "CreateService")[0].ToJsonString());

        var errors = new ModelValidator(model, PublishedConstraints.ServiceDiscovery).Validate(JsonNode.Parse(request.Body), model.Operation("CreateService")["input"]);
        Assert.Empty(errors);
        Assert.Equal(namespaceId, JsonNode.Parse(request.Body)!["NamespaceId"]!.GetValue<string>());
    }

    private static string ValidSpecWithNamespace(string namespaceId)
    {
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(NpmTools.RepoRoot, "samples", "dev.json")))!;
        spec["spec"]!["serviceDiscovery"]!["namespaceId"] = namespaceId;
        return spec.ToJsonString();
    }
}

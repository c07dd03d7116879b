using System.Text.Json;
using System.Text.Json.Nodes;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Tests.Spec.Schema;
using ZeebeOperator.Core.Tests.Support;

namespace ZeebeOperator.Core.Tests.Spec;

/// <summary>
/// The spec records are the one description of the spec: the committed JSON Schema is the one they generate, the
/// serialiser writes what the parser reads back, and error paths are their JSON names.
/// </summary>
public sealed class SpecModelTests
{
    private const string Regenerate = "dotnet run --project src/ZeebeOperator.Host -- schema --file " + SpecSchema.RepositoryPath;

    public static TheoryData<string> GoodSpecs =>
        [.. TestFiles.CorpusFiles("good", SearchOption.TopDirectoryOnly).Select(file => $"good/{file}")];

    [Fact]
    public void The_committed_schema_is_the_one_the_spec_records_generate()
    {
        var committed = File.ReadAllText(TestFiles.SchemaFile).ReplaceLineEndings("\n");

        Assert.True(
            committed == SpecSchema.ToJson(),
            $"{SpecSchema.RepositoryPath} differs from the schema the spec records describe: run `{Regenerate}` and commit the result.");
    }

    [Theory]
    [MemberData(nameof(GoodSpecs))]
    public void A_spec_written_by_the_serialiser_reads_back_the_same_and_passes_the_schema(string file)
    {
        var document = SpecAssert.Valid(SpecParser.Parse(TestFiles.Read(file)));

        var written = SpecSerializer.ToJson(document);

        var reread = SpecAssert.Valid(SpecParser.Parse(written));
        Assert.Equal(written, SpecSerializer.ToJson(reread));
        using var json = JsonDocument.Parse(written);
        Assert.Empty(JsonSchemaChecker.Load(TestFiles.SchemaFile).Check(json.RootElement));
    }

    [Fact]
    public void The_serialiser_writes_defaults_out_and_leaves_null_fields_out()
    {
        var written = SpecSerializer.ToJsonObject(TestSpecs.Orders());

        Assert.Equal(10, written["spec"]!["serviceDiscovery"]!["dnsTtlSeconds"]!.GetValue<int>());
        Assert.Equal("FARGATE", written["spec"]!["placement"]!["launchType"]!.GetValue<string>());
        Assert.Equal("""{"uid":1001,"gid":0}""", written["spec"]!["storage"]!["posixUser"]!.ToJsonString());
        Assert.False(written["spec"]!["placement"]!.AsObject().ContainsKey("capacityProvider"));
        Assert.False(written.ContainsKey("$schema"));
    }

    [Fact]
    public void A_capacity_provider_is_written_without_the_launch_type_it_replaces()
    {
        var orders = TestSpecs.Orders();
        var document = orders with { Spec = orders.Spec with { Placement = orders.Spec.Placement with { CapacityProvider = "FARGATE_SPOT" } } };

        var written = SpecSerializer.ToJson(document);

        var reread = SpecAssert.Valid(SpecParser.Parse(written));
        Assert.Equal("FARGATE_SPOT", reread.Spec.Placement.CapacityProvider);
        Assert.False(JsonNode.Parse(written)!["spec"]!["placement"]!.AsObject().ContainsKey("launchType"));
    }

    [Fact]
    public void The_editor_link_is_kept()
    {
        var json = SpecJson.Create().Set("$schema", "../crds/zeebecluster.schema.json").ToJson();

        var written = SpecSerializer.ToJsonObject(SpecAssert.Valid(SpecParser.Parse(json)));

        Assert.Equal("../crds/zeebecluster.schema.json", written["$schema"]!.GetValue<string>());
    }

    [Fact]
    public void Paths_are_the_json_names_of_the_fields()
    {
        Assert.Equal("spec.storage.posixUser.uid", SpecPath.Of(d => d.Spec.Storage.PosixUser.Uid));
        Assert.Equal("spec.updateStrategy.maintenanceWindow.duration", SpecPath.Of(d => d.Spec.UpdateStrategy.MaintenanceWindow!.Duration));
        Assert.Equal("apiVersion", SpecPath.Of(d => d.ApiVersion));
        Assert.Equal("$[\"$schema\"]", SpecPath.Of(d => d.Schema));
    }

    [Fact]
    public void A_property_that_is_not_a_spec_field_has_no_path()
    {
        Assert.Throws<ArgumentException>(() => SpecPath.Of(d => d.Name));
        Assert.Throws<ArgumentException>(() => SpecPath.Of(d => d));
    }
}

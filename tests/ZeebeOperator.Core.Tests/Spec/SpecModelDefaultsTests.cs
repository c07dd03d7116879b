using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Spec.Model;

namespace ZeebeOperator.Core.Tests.Spec;

/// <summary>
/// The defaults the spec model gives left-out fields, read from a freshly built model (the shared one is built once
/// per process): typed as the field is, and maps new for every document.
/// </summary>
public sealed class SpecModelDefaultsTests
{
    [Fact]
    public void Left_out_maps_are_new_for_every_document()
    {
        var first = SpecAssert.Valid(SpecJson.Create().Remove("spec.env").Remove("metadata.labels").Parse());
        var second = SpecAssert.Valid(SpecJson.Create().Remove("spec.env").Remove("metadata.labels").Parse());

        Assert.Empty(first.Spec.Env);
        Assert.NotSame(first.Spec.Env, second.Spec.Env);
        Assert.NotSame(first.Metadata.Labels, second.Metadata.Labels);
    }

    [Fact]
    public void An_enum_parameter_default_is_the_enum_member()
    {
        var spec = new SpecObjectModel(typeof(ZeebeClusterSpec));

        Assert.Equal((object)EnvironmentNaming.Auto, spec.Find("environmentNaming")!.Default);
    }

    [Fact]
    public void A_declared_default_of_a_64_bit_field_is_a_64_bit_number()
    {
        var counted = new SpecObjectModel(typeof(Counted));

        Assert.Equal((object)7L, counted.Find("count")!.Default);
        Assert.Equal(new Counted(7), counted.Placeholder());
    }

    [Fact]
    public void A_result_is_valid_only_with_a_document_and_no_errors()
    {
        var document = SpecJson.Document;

        Assert.True(SpecParseResult.Valid(document).IsValid);
        Assert.False(SpecParseResult.Invalid([]).IsValid);
        Assert.False(new SpecParseResult(document, [new SpecError("spec.clusterSize", "must be between 1 and 100")]).IsValid);
    }

    [Theory]
    [InlineData("orders.json", "orders")]
    [InlineData(".json", null)]
    [InlineData("orders.yaml", null)]
    [InlineData("archive/orders.json", null)]
    public void A_key_names_its_cluster_only_when_it_is_a_spec_file(string key, string? cluster) =>
        Assert.Equal(cluster, SpecKeys.ClusterNameOf(key));

    [Fact]
    public void A_left_out_optional_list_of_text_is_empty_not_required()
    {
        var tagged = new SpecObjectModel(typeof(Tagged));

        Assert.False(tagged.Find("tags")!.IsRequired);
        Assert.Empty(Assert.IsType<IEnumerable<string>>(tagged.Find("tags")!.Default, exactMatch: false));
    }

    private sealed record Counted([SpecField(Default = 7)] long Count);

    private sealed record Tagged([SpecField(Optional = true, MaxItems = 5)] IReadOnlyList<string> Tags);
}

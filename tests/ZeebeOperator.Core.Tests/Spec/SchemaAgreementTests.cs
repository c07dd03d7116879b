using System.Text.Json;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Tests.Spec.Schema;

namespace ZeebeOperator.Core.Tests.Spec;

/// <summary>The JSON Schema editors use and the operator's own validation must accept and reject the same specs.</summary>
public sealed class SchemaAgreementTests
{
    private static readonly JsonSchemaChecker Schema = JsonSchemaChecker.Load(TestFiles.SchemaFile);

    public static TheoryData<string> GoodFiles => [.. TestFiles.CorpusFiles("good", SearchOption.TopDirectoryOnly)];

    public static TheoryData<string> SchemaExpressibleBadFiles => [.. BadCorpus.SchemaExpressible()];

    public static TheoryData<string> ValidatorOnlyBadFiles => [.. BadCorpus.ValidatorOnly()];

    [Theory]
    [MemberData(nameof(GoodFiles))]
    public void Good_spec_passes_both_the_schema_and_the_validator(string file)
    {
        var json = TestFiles.Read($"good/{file}");

        Assert.Empty(SpecParser.Parse(json).Errors);
        Assert.Empty(CheckWithSchema(json));
    }

    [Theory]
    [MemberData(nameof(SchemaExpressibleBadFiles))]
    public void Bad_spec_is_rejected_by_both_at_the_field_it_breaks(string file)
    {
        var json = TestFiles.Read($"bad/{file}");
        var expectedPath = BadCorpus.ExpectedPaths[file];

        AssertValidatorRejectsOnlyAt(expectedPath, json);
        var violations = CheckWithSchema(json);
        Assert.NotEmpty(violations);
        Assert.All(violations, violation => Assert.True(
            AreRelated(violation.Path, expectedPath),
            $"the schema complained about {violation}, expected only {expectedPath}"));
    }

    [Theory]
    [MemberData(nameof(ValidatorOnlyBadFiles))]
    public void Rule_the_schema_cannot_express_is_still_enforced_by_the_validator(string file)
    {
        var json = TestFiles.Read($"bad/{file}");

        AssertValidatorRejectsOnlyAt(BadCorpus.ExpectedPaths[file], json);
        Assert.Empty(CheckWithSchema(json));
    }

    [Fact]
    public void Every_bad_corpus_file_names_the_field_it_breaks()
    {
        var files = TestFiles.CorpusFiles("bad", SearchOption.AllDirectories);

        Assert.Equal(files.Order(StringComparer.Ordinal), BadCorpus.ExpectedPaths.Keys.Order(StringComparer.Ordinal));
        Assert.True(BadCorpus.SchemaExpressible().Count >= 25, "the corpus must hold at least 25 bad specs the schema can judge");
        Assert.NotEmpty(BadCorpus.ValidatorOnly());
    }

    /// <summary>Cloud Map's <c>ResourceId</c> is a string of at most 64 characters; the IDs it issues today are <c>ns-</c> and 16 characters.</summary>
    [Theory]
    [InlineData("ns-abcdef0123456789")]
    [InlineData("ns-abcdef012345678")]
    [InlineData("ns-ABCDEF0123456789")]
    [InlineData("ns-1")]
    [InlineData("ns-0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmno")]
    public void Namespace_ids_Cloud_Map_accepts_pass_both_the_schema_and_the_validator(string namespaceId)
    {
        Assert.Equal(SpecLimits.MaxNamespaceIdLength, "ns-0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmno".Length);
        var json = SpecJson.Create().Set("spec.serviceDiscovery.namespaceId", namespaceId).ToJson();

        Assert.Empty(SpecParser.Parse(json).Errors);
        Assert.Empty(CheckWithSchema(json));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ns-0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnop")]
    [InlineData("ns-abc def")]
    [InlineData("ns-\u00e9t\u00e9")]
    public void Namespace_ids_Cloud_Map_cannot_have_issued_fail_both_the_schema_and_the_validator(string namespaceId)
    {
        var json = SpecJson.Create().Set("spec.serviceDiscovery.namespaceId", System.Text.RegularExpressions.Regex.Unescape(namespaceId)).ToJson();

        AssertValidatorRejectsOnlyAt("spec.serviceDiscovery.namespaceId", json);
        Assert.Contains(CheckWithSchema(json), v => v.Path == "spec.serviceDiscovery.namespaceId");
    }

    private static void AssertValidatorRejectsOnlyAt(string expectedPath, string json)
    {
        var errors = SpecParser.Parse(json).Errors;
        Assert.NotEmpty(errors);
        Assert.All(errors, error => Assert.Equal(expectedPath, error.Path));
    }

    private static IReadOnlyList<SchemaViolation> CheckWithSchema(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Schema.Check(document.RootElement);
    }

    private static bool AreRelated(string schemaPath, string expectedPath) =>
        schemaPath == expectedPath
        || SpecPath.IsWithin(schemaPath, expectedPath)
        || (schemaPath != SpecPath.Root && SpecPath.IsWithin(expectedPath, schemaPath));
}

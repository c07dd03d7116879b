using System.Text.Json;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Tests.Spec.Schema;

namespace ZeebeOperator.Core.Tests.Spec;

public sealed class SampleTests
{
    public static TheoryData<string> Samples => [.. TestFiles.SampleFiles];

    [Fact]
    public void Both_documented_samples_are_shipped()
    {
        Assert.Contains("dev.json", TestFiles.SampleFiles);
        Assert.Contains("orders.json", TestFiles.SampleFiles);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_ZeebeCluster_sample_passes_the_schema_and_the_validator(string file)
    {
        var json = File.ReadAllText(Path.Combine(TestFiles.SamplesDirectory, file));
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("kind", out var kind) || kind.GetString() != ZeebeClusterDocument.ResourceKind)
        {
            return;
        }

        var parsed = SpecParser.Parse(json);
        Assert.Empty(parsed.Errors);
        Assert.Empty(JsonSchemaChecker.Load(TestFiles.SchemaFile).Check(document.RootElement));
        Assert.Equal(file, SpecKeys.KeyFor(parsed.Document!.Name));
    }

    [Fact]
    public void Production_sample_reads_as_documented()
    {
        var document = SpecParser.Parse(File.ReadAllText(Path.Combine(TestFiles.SamplesDirectory, "orders.json"))).Document!;

        Assert.Equal("orders", document.Name);
        Assert.Equal((5, 3), (document.Spec.ClusterSize, document.Spec.ReplicationFactor));
        Assert.Equal(new ResourceRequirements(4096, 16384), document.Spec.Resources);
        Assert.Equal(TimeSpan.FromHours(2), document.Spec.UpdateStrategy.MaintenanceWindow!.Duration);
        Assert.Equal(DataRetention.Retain, document.Spec.Storage.Retention);
        Assert.Equal(
            "arn:aws:secretsmanager:eu-central-1:123456789012:secret:zeebe/orders/elasticsearch-AbCdEf:password::",
            Assert.Single(document.Spec.Secrets).Value);
    }
}

using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Tests.Spec;

public sealed class ImageVersionTests
{
    [Theory]
    [InlineData("camunda/camunda:8.8.3", 8, 8, 3)]
    [InlineData("camunda/camunda:8.9.0-alpha1", 8, 9, 0)]
    [InlineData("camunda/zeebe:8.7", 8, 7, 0)]
    [InlineData("camunda/zeebe:v8.6.12", 8, 6, 12)]
    [InlineData("localhost:5000/zeebe:8.8.0+build.5", 8, 8, 0)]
    [InlineData("123456789012.dkr.ecr.eu-west-1.amazonaws.com/camunda/camunda:10.0.1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 10, 0, 1)]
    public void Semantic_version_tags_are_read(string image, int major, int minor, int patch) =>
        Assert.Equal(new ImageVersion(major, minor, patch), ImageVersion.FromImage(image));

    [Theory]
    [InlineData("camunda/camunda")]
    [InlineData("camunda/camunda:latest")]
    [InlineData("camunda/camunda:SNAPSHOT")]
    [InlineData("camunda/camunda:8")]
    [InlineData("camunda/camunda:8.x")]
    [InlineData("localhost:5000/zeebe")]
    [InlineData("camunda/camunda@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("camunda/camunda:99999999999.0.0")]
    [InlineData("")]
    public void Tags_that_are_not_versions_are_unknown(string image) =>
        Assert.Null(ImageVersion.FromImage(image));

    [Fact]
    public void Versions_compare_by_major_minor_patch()
    {
        Assert.True(new ImageVersion(8, 10, 0) > new ImageVersion(8, 9, 9));
        Assert.True(new ImageVersion(8, 7, 99) < new ImageVersion(8, 8, 0));
        Assert.True(new ImageVersion(9, 0, 0) >= new ImageVersion(8, 99, 99));
        Assert.Equal("8.8.3", new ImageVersion(8, 8, 3).ToString());
    }

    [Theory]
    [InlineData("camunda/camunda:8.8.0", EnvironmentNaming.Unified)]
    [InlineData("camunda/camunda:8.8.0-alpha1", EnvironmentNaming.Unified)]
    [InlineData("camunda/camunda:8.9.1", EnvironmentNaming.Unified)]
    [InlineData("camunda/camunda:9.0.0", EnvironmentNaming.Unified)]
    [InlineData("camunda/camunda:latest", EnvironmentNaming.Unified)]
    [InlineData("camunda/camunda", EnvironmentNaming.Unified)]
    [InlineData("camunda/zeebe:8.7.12", EnvironmentNaming.Legacy)]
    [InlineData("camunda/zeebe:8.7", EnvironmentNaming.Legacy)]
    [InlineData("camunda/zeebe:1.3.14", EnvironmentNaming.Legacy)]
    public void Auto_naming_follows_the_image_version(string image, EnvironmentNaming expected) =>
        Assert.Equal(expected, EnvironmentNamingResolver.Resolve(EnvironmentNaming.Auto, image));

    [Theory]
    [InlineData(EnvironmentNaming.Unified, "camunda/zeebe:8.6.0")]
    [InlineData(EnvironmentNaming.Legacy, "camunda/camunda:8.9.0")]
    public void Explicit_naming_wins_over_the_image(EnvironmentNaming requested, string image) =>
        Assert.Equal(requested, EnvironmentNamingResolver.Resolve(requested, image));

    [Fact]
    public void Spec_naming_is_resolved_from_its_own_image()
    {
        var document = SpecAssert.Valid(SpecJson.Create().Set("spec.image", "camunda/zeebe:8.7.5").Parse());

        Assert.Equal(EnvironmentNaming.Legacy, EnvironmentNamingResolver.Resolve(document.Spec));
    }
}

using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Tests.Spec;

/// <summary>The version edges that decide what the operator asks of Zeebe: partition scaling from 8.8.0 on.</summary>
public sealed class ImageVersionEdgeTests
{
    [Theory]
    [InlineData("camunda/zeebe:8.7.99", false)]
    [InlineData("camunda/camunda:8.8.0", true)]
    [InlineData("camunda/camunda:8.8.1", true)]
    [InlineData("camunda/camunda:latest", true)]
    public void Partitions_are_scaled_from_8_8_0_on(string image, bool scales) =>
        Assert.Equal(scales, ImageVersion.ScalesPartitions(image));

    [Fact]
    public void A_repository_named_like_a_version_without_a_tag_has_no_version() =>
        Assert.Null(ImageVersion.FromImage("registry.example.com/8.8.3"));

    [Fact]
    public void Any_version_sorts_after_none() =>
        Assert.True(new ImageVersion(0, 0, 0).CompareTo(null) > 0);

    [Fact]
    public void Equal_versions_are_neither_before_nor_after_each_other()
    {
        var left = new ImageVersion(8, 8, 0);
        var right = new ImageVersion(8, 8, 0);

        Assert.Equal((false, false, true, true), ((left < right), (left > right), (left <= right), (left >= right)));
    }

    [Fact]
    public void An_older_version_is_before_a_newer_one()
    {
        var older = new ImageVersion(8, 7, 12);
        var newer = new ImageVersion(8, 8, 0);

        Assert.Equal((true, false, true, false), ((older < newer), (older > newer), (older <= newer), (older >= newer)));
        Assert.Equal((false, true, false, true), ((newer < older), (newer > older), (newer <= older), (newer >= older)));
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace ZeebeOperator.Core.Spec;

/// <summary>The version in an image tag such as <c>8.8.3</c>, <c>8.9.0-alpha1</c> or <c>8.7</c>.</summary>
public sealed partial record ImageVersion(int Major, int Minor, int Patch) : IComparable<ImageVersion>
{
    /// <summary>The first Zeebe line that scales partitions and changes the replication factor of a running cluster.</summary>
    public static ImageVersion FirstPartitionScalingVersion { get; } = new(8, 8, 0);

    /// <summary>True unless the image's tag names a version before 8.8 (an unknown tag counts as current, as for the setting names).</summary>
    public static bool ScalesPartitions(string image) => FromImage(image) is not { } version || version >= FirstPartitionScalingVersion;

    /// <summary>The tag's version, or null when the reference has no tag or the tag is not a version (<c>latest</c>).</summary>
    public static ImageVersion? FromImage(string image)
    {
        var withoutDigest = image.Split('@')[0];
        var lastSlash = withoutDigest.LastIndexOf('/');
        var repositoryAndTag = withoutDigest[(lastSlash + 1)..];
        var colon = repositoryAndTag.LastIndexOf(':');
        return colon < 0 ? null : FromTag(repositoryAndTag[(colon + 1)..]);
    }

    public static ImageVersion? FromTag(string tag)
    {
        var match = SemanticVersionTag().Match(tag);
        if (!match.Success)
        {
            return null;
        }

        return int.TryParse(match.Groups["major"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            && int.TryParse(match.Groups["minor"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            && int.TryParse(match.Groups["patch"].Success ? match.Groups["patch"].Value : "0", NumberStyles.None, CultureInfo.InvariantCulture, out var patch)
                ? new ImageVersion(major, minor, patch)
                : null;
    }

    public int CompareTo(ImageVersion? other) =>
        other is null ? 1 : (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));

    public static bool operator <(ImageVersion left, ImageVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(ImageVersion left, ImageVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(ImageVersion left, ImageVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ImageVersion left, ImageVersion right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{Major}.{Minor}.{Patch}";

    [GeneratedRegex(@"^v?(?<major>[0-9]+)\.(?<minor>[0-9]+)(\.(?<patch>[0-9]+))?([-+][0-9A-Za-z.+-]*)?\z")]
    private static partial Regex SemanticVersionTag();
}

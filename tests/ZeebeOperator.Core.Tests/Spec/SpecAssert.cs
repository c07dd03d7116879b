using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Tests.Spec;

internal static class SpecAssert
{
    public static ZeebeClusterDocument Valid(SpecParseResult result)
    {
        Assert.Empty(result.Errors);
        Assert.True(result.IsValid);
        return result.Document!;
    }

    public static SpecError SingleError(SpecParseResult result, string path, string messageFragment)
    {
        Assert.False(result.IsValid);
        Assert.Null(result.Document);
        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(messageFragment, error.Message, StringComparison.Ordinal);
        return error;
    }
}

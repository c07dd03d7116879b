using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Tests.BadInput;

internal static class SpecErrorAssert
{
    /// <summary>Every error names a field by its JSON path and states a rule; none is the parser's internal-failure fallback.</summary>
    public static void AllClear(IReadOnlyList<SpecError> errors)
    {
        Assert.NotEmpty(errors);
        Assert.All(errors, error =>
        {
            Assert.False(string.IsNullOrWhiteSpace(error.Path));
            Assert.True(error.Path == "$" || error.Path.StartsWith("$[", StringComparison.Ordinal) || char.IsAsciiLetter(error.Path[0]), $"not a JSON path: {error.Path}");
            Assert.True(error.Message.Length <= 400, $"{error.Path}: the message is {error.Message.Length} characters long");
            Assert.True(error.Message.Length >= 10, $"{error.Path}: no rule stated: '{error.Message}'");
            Assert.DoesNotContain(SpecParser.UnexpectedFailure, error.Message, StringComparison.Ordinal);
            Assert.False(error.Message.Any(char.IsControl) || error.Path.Any(char.IsControl), $"control character in the error: {error.ToString().Replace("\n", "\\n", StringComparison.Ordinal)}");
        });
    }
}

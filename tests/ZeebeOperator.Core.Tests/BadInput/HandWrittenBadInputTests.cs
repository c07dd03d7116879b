using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Tests.BadInput;

/// <summary>Every hand-written malformed spec is rejected, without a crash, by an error that names the field and the rule.</summary>
public sealed class HandWrittenBadInputTests
{
    public static TheoryData<string> Files => [.. BadInputCorpus.Files];

    [Fact]
    public void Every_corpus_file_has_an_expectation_and_every_expectation_a_file()
    {
        Assert.Equal(BadInputCorpus.Files, BadInputCorpus.Expected.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Is_rejected_naming_the_field_and_the_rule(string file)
    {
        var result = SpecParser.Parse(BadInputCorpus.Read(file));

        var expected = BadInputCorpus.Expected[file];
        var errors = string.Join(Environment.NewLine, result.Errors);
        Assert.False(result.IsValid, $"{file} was accepted");
        Assert.Null(result.Document);
        SpecErrorAssert.AllClear(result.Errors);
        Assert.True(
            result.Errors.Any(e => e.Path == expected.Path && e.Message.Contains(expected.Rule, StringComparison.Ordinal)),
            $"{file}: expected {expected.Path}: …{expected.Rule}…, got:{Environment.NewLine}{errors}");
    }
}

using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Tests.Spec;

/// <summary>How error paths and syntax errors are shown: one printable line, and which paths lie within which.</summary>
public sealed class SpecPathDisplayTests
{
    private const int MaxReasonLength = 300;

    [Theory]
    [InlineData("spec.clusterSize", "$", true)]
    [InlineData("$[\"$schema\"]", "$", true)]
    [InlineData("spec", "spec", true)]
    [InlineData("spec.env.JAVA_OPTS", "spec.env", true)]
    [InlineData("spec.placement.subnets[1]", "spec.placement.subnets", true)]
    [InlineData("spec.env[\"a b\"]", "spec.env", true)]
    [InlineData("spec.environmentNaming", "spec.env", false)]
    [InlineData("spec.env", "spec.env.JAVA_OPTS", false)]
    [InlineData("metadata.name", "spec", false)]
    public void A_path_lies_within_itself_the_root_and_the_fields_it_descends_from(string path, string ancestor, bool within) =>
        Assert.Equal(within, SpecPath.IsWithin(path, ancestor));

    [Fact]
    public void Control_characters_in_a_field_name_are_escaped_and_the_rest_is_kept()
    {
        var result = SpecJson.Create().Set("spec.bad\u0007na\"me", 1).Parse();

        Assert.Contains(result.Errors, e => e.Path == "spec[\"bad\\u0007na\\\"me\"]");
    }

    [Fact]
    public void A_syntax_error_reason_is_cut_only_when_longer_than_its_limit()
    {
        var reasons = Enumerable.Range(0, 400)
            .Select(length => "{\"a\": tru" + string.Concat(Enumerable.Range(0, length).Select(i => i % 10 == 9 ? '\'' : 'x')))
            .Select(json => Assert.Single(SpecParser.Parse(json).Errors).Message)
            .Select(message => message[(message.IndexOf(": ", StringComparison.Ordinal) + 2)..])
            .ToList();

        var whole = reasons.Where(reason => !reason.EndsWith('…')).ToList();
        var cut = reasons.Where(reason => reason.EndsWith('…')).ToList();
        Assert.Equal(MaxReasonLength, whole.Max(reason => reason.Length));
        Assert.NotEmpty(cut);
        Assert.All(cut, reason => Assert.Equal(MaxReasonLength + 1, reason.Length));
    }
}

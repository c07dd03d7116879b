using System.ComponentModel.DataAnnotations;
using ZeebeOperator.Core.Configuration;

namespace ZeebeOperator.Core.Tests.Configuration;

/// <summary>The rules on configuration keys: a bad value stops the operator at start with the key it must fix.</summary>
public sealed class OptionRuleTests
{
    [Fact]
    public void Zero_is_not_negative()
    {
        Assert.Empty(Validate(new SampleOptions { Retries = 0, Delay = TimeSpan.Zero }));
    }

    [Fact]
    public void A_negative_number_or_duration_is_refused_by_key()
    {
        var errors = Validate(new SampleOptions { Retries = -1, Delay = TimeSpan.FromSeconds(-1) });

        Assert.Equal(["Sample:Delay must not be negative (was -00:00:01).", "Sample:Retries must not be negative (was -1)."], errors.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_required_key_that_is_missing_or_blank_is_refused_and_says_where_else_it_can_be_given(string? bucket)
    {
        var errors = Validate(new SampleOptions { Bucket = bucket, Name = bucket });

        Assert.Equal(["Sample:Bucket is required (or --bucket).", "Sample:Name is required."], errors.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_required_key_with_a_value_passes() =>
        Assert.Empty(Validate(new SampleOptions { Bucket = "orders-specs", Name = "orders" }));

    [Fact]
    public void The_throttle_retry_cap_may_equal_its_first_delay_but_not_be_below_it()
    {
        var validator = new OperatorOptionsValidator();
        var equal = new OperatorOptions { ThrottleRetryBaseDelay = TimeSpan.FromSeconds(1), ThrottleRetryMaxDelay = TimeSpan.FromSeconds(1) };
        var below = new OperatorOptions { ThrottleRetryBaseDelay = TimeSpan.FromSeconds(2), ThrottleRetryMaxDelay = TimeSpan.FromSeconds(1) };

        Assert.True(validator.Validate(null, equal).Succeeded);
        var failure = validator.Validate(null, below);
        Assert.True(failure.Failed);
        Assert.Contains("Operator:ThrottleRetryMaxDelay (00:00:01) must not be less than Operator:ThrottleRetryBaseDelay (00:00:02).", failure.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reconcile_backoff_cap_may_equal_its_first_delay_but_not_be_below_it()
    {
        var validator = new OperatorOptionsValidator();

        Assert.True(validator.Validate(null, new OperatorOptions { BaseBackoff = TimeSpan.FromSeconds(30), MaxBackoff = TimeSpan.FromSeconds(30) }).Succeeded);
        Assert.Contains(
            "Operator:MaxBackoff (00:00:10) must not be less than Operator:BaseBackoff (00:00:30).",
            validator.Validate(null, new OperatorOptions { BaseBackoff = TimeSpan.FromSeconds(30), MaxBackoff = TimeSpan.FromSeconds(10) }).FailureMessage,
            StringComparison.Ordinal);
    }

    private static List<string> Validate(SampleOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage!)];
    }

    private sealed class SampleOptions
    {
        public const string SectionName = "Sample";

        [NotNegative]
        public int Retries { get; set; }

        [NotNegative]
        public TimeSpan Delay { get; set; }

        [RequiredKey("--bucket")]
        public string? Bucket { get; set; } = "orders-specs";

        [RequiredKey]
        public string? Name { get; set; } = "orders";
    }
}

namespace ZeebeOperator.Core.Spec.Validation;

internal static class EnvironmentRules
{
    private static readonly string Path = SpecPath.Of(d => d.Spec.Env);

    /// <summary>Why a variable name cannot be set by the spec (by <paramref name="how"/>), or null.</summary>
    public static string? NameProblem(string name, string how) =>
        !SpecPatterns.EnvironmentVariableName().IsMatch(name)
            ? "must be an environment variable name: letters, digits and '_', not starting with a digit"
            : OperatorOwnedEnvironment.SettingOf(name) is { } owned
                ? $"is set by the operator and cannot {how}: Camunda reads it as the broker's {owned.Description}"
                : null;

    public static void Check(IReadOnlyDictionary<string, string> env, ICollection<SpecError> errors)
    {
        foreach (var (name, value) in env)
        {
            var path = SpecPath.Property(Path, name);
            if (NameProblem(name, "be overridden") is { } problem)
            {
                errors.Add(path, problem);
            }

            if (value.Length > SpecLimits.MaxEnvValueLength)
            {
                errors.Add(path, $"the value must be at most {SpecLimits.MaxEnvValueLength} characters long");
            }
            else if (value.Any(char.IsControl))
            {
                errors.Add(path, "the value must not contain control characters");
            }
        }
    }
}

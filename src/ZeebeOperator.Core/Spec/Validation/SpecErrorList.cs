namespace ZeebeOperator.Core.Spec.Validation;

internal static class SpecErrorList
{
    public static void Add(this ICollection<SpecError> errors, string path, string message) =>
        errors.Add(new SpecError(path, message));
}

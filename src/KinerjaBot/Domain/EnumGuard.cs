using System.Runtime.CompilerServices;

namespace KinerjaBot.Domain;

internal static class EnumGuard
{
    // Enums read from storage or card payloads can hold any integer; reject them at the boundary of each rule.
    public static void EnsureDefined<TEnum>(TEnum value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{value} is not a defined {typeof(TEnum).Name}.");
        }
    }
}

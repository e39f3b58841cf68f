namespace KinerjaBot.Tests.Support;

/// <summary>
/// A test that needs the throwaway PostgreSQL server of <c>scripts/postgres.sh</c>, reached through the
/// Npgsql connection string in <c>KINERJABOT_TEST_POSTGRES</c> (<c>bash scripts/test.sh</c> starts the
/// server and sets it). Without it the test is skipped locally, but never on CI (<c>CI=true</c>): there
/// it runs and fails when it reads <see cref="ConnectionString"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string EnvironmentVariable = "KINERJABOT_TEST_POSTGRES";
    public const string SkipMessage = "set KINERJABOT_TEST_POSTGRES or run bash scripts/test.sh";

    public PostgresFactAttribute()
    {
        if (SkipReason() is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>The connection string of the test server; throws with instructions when it is not set.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set: this test needs PostgreSQL. Run `bash scripts/test.sh` "
                + "(it starts a throwaway server with scripts/postgres.sh), or `bash scripts/postgres.sh start` and export "
                + $"{EnvironmentVariable}=<the connection string it prints>.");

    /// <summary>Skip message when the test cannot run here, null when it must run.</summary>
    internal static string? SkipReason()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EnvironmentVariable)))
        {
            return null;
        }

        var ci = Environment.GetEnvironmentVariable("CI");
        var onCi = string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase) || ci == "1";
        return onCi ? null : SkipMessage;
    }
}

/// <summary>The <see cref="TheoryAttribute"/> counterpart of <see cref="PostgresFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (PostgresFactAttribute.SkipReason() is { } reason)
        {
            Skip = reason;
        }
    }
}

namespace KinerjaBot.Teams;

/// <summary>
/// <c>dotnet run --project src/KinerjaBot -- package [--out artifacts/kinerjabot.zip]</c>: writes the Teams
/// app package with the ids from configuration (appsettings, environment, command line) and exits.
/// </summary>
public static class AppPackageCommand
{
    public const string Verb = "package";
    public const string DefaultOut = "artifacts/kinerjabot.zip";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Verb;

    /// <returns>The process exit code: 0 written, 1 bad configuration, 2 bad arguments.</returns>
    public static int Run(IConfiguration configuration, string[] args, TextWriter output, TextWriter error)
    {
        var rest = args.Skip(1).ToArray();
        var outPath = DefaultOut;
        if (rest.Length == 2 && rest[0] == "--out" && !string.IsNullOrWhiteSpace(rest[1]))
        {
            outPath = rest[1];
        }
        else if (rest.Length != 0)
        {
            error.WriteLine($"usage: {Verb} [--out {DefaultOut}]   (ids from Bot:AppId and TeamsApp:Id)");
            return 2;
        }

        var options = configuration.GetSection(TeamsAppOptions.Section).Get<TeamsAppOptions>() ?? new TeamsAppOptions();
        var botAppId = configuration["Bot:AppId"];
        var problems = AppPackage.Check(botAppId, options);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                error.WriteLine(problem);
            }

            return 1;
        }

        outPath = FromCallersDirectory(outPath);
        AppPackage.WriteFile(outPath, botAppId!, options);
        output.WriteLine($"Teams app package written: {Path.GetFullPath(outPath)} (app {options.Id}, bot {botAppId}; {string.Join(", ", AppPackage.FileNames)})");
        return 0;
    }

    /// <summary>
    /// A relative path as the person typed it: from the shell's directory. <c>dotnet run --project</c> starts
    /// the app in the project's folder, so the process's own directory is not where they are.
    /// </summary>
    private static string FromCallersDirectory(string path)
    {
        var shell = Environment.GetEnvironmentVariable("PWD");
        return Path.IsPathRooted(path) || string.IsNullOrEmpty(shell) || !Path.IsPathRooted(shell) || !Directory.Exists(shell)
            ? Path.GetFullPath(path)
            : Path.GetFullPath(Path.Combine(shell, path));
    }
}

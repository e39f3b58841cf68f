using System.ComponentModel.DataAnnotations;

namespace KinerjaBot.Admin;

/// <summary>Section <c>Admin</c>: the operator's access to backlog, dead letters and exports.</summary>
public sealed class AdminOptions
{
    /// <summary>
    /// Bearer key for <c>/admin/*</c>. Empty disables the admin endpoints (they answer 404), which is the
    /// default so a fresh install exposes nothing. At least 32 characters when set.
    /// </summary>
    [RegularExpression("^.{32,}$", ErrorMessage = "Admin:ApiKey must be at least 32 characters (or empty to disable the admin endpoints).")]
    public string? ApiKey { get; set; }

    /// <summary>
    /// NIPs of the people who look after KinerjaBot (pengelola kinerja, BKPSDM admin): they get operator warnings
    /// in Teams, such as a holiday calendar about to run out. Empty: the heads of the top-level units get them.
    /// </summary>
    public string[] Contacts { get; set; } = [];
}

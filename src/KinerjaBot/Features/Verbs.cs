namespace KinerjaBot.Features;

/// <summary>Every <c>Action.Execute</c> verb the bot's cards use; one handler each.</summary>
public static class Verbs
{
    public const string ProgressForm = "progress.form";
    public const string ProgressSubmit = "progress.submit";
    public const string ProgressConfirm = "progress.confirm";
    public const string ProgressChoose = "progress.choose";
    public const string ProgressEdit = "progress.edit";
    public const string ProgressWithdraw = "progress.withdraw";
    public const string ProgressApprove = "progress.approve";
    public const string ProgressReturn = "progress.return";
    public const string ProgressRefresh = "progress.refresh";
    public const string Status = "status.show";
    public const string ReviewList = "review.list";
    public const string Cancel = "flow.cancel";
    public const string ReminderSnooze = "reminder.snooze";
    public const string ReminderOptOut = "reminder.optout";
    public const string ReminderOptIn = "reminder.optin";
    public const string ReminderSettings = "reminder.settings";
    public const string ApprovalsDigestOn = "approvals.digest.on";
    public const string ApprovalsDigestOff = "approvals.digest.off";
}

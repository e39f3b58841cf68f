namespace KinerjaBot.Features;

/// <summary>Every <c>Action.Execute</c> verb the bot's cards use; one handler each.</summary>
public static class Verbs
{
    public const string ProgressForm = "progress.form";
    public const string ProgressSubmit = "progress.submit";
    public const string ProgressConfirm = "progress.confirm";
    public const string ProgressChoose = "progress.choose";
    public const string ProgressNumber = "progress.number";
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
    public const string FeedbackRequestForm = "feedback.request.form";
    public const string FeedbackRequestSubmit = "feedback.request.submit";
    public const string FeedbackAnswer = "feedback.answer";
    public const string FeedbackDecline = "feedback.decline";
    public const string FeedbackRefresh = "feedback.refresh";
    public const string FeedbackGiveForm = "feedback.give.form";
    public const string FeedbackGive = "feedback.give";
    public const string AppraisalList = "appraisal.list";
    public const string AppraisalSelfForm = "appraisal.self.form";
    public const string AppraisalSelf = "appraisal.self";
    public const string AppraisalOpen = "appraisal.open";
    public const string AppraisalDetails = "appraisal.details";
    public const string AppraisalRate = "appraisal.rate";
    public const string AppraisalFinalize = "appraisal.finalize";
    public const string AppraisalAcknowledge = "appraisal.acknowledge";
    public const string AppraisalObject = "appraisal.object";
    public const string AppraisalCorrect = "appraisal.correct";
    public const string AppraisalRefresh = "appraisal.refresh";
    public const string AppraisalDistribution = "appraisal.distribution";
    public const string OrganisationResultSet = "appraisal.organisation-result.set";
    public const string ReportTeam = "report.team";
    public const string ReportUnit = "report.unit";
}

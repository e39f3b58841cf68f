namespace KinerjaBot.Domain;

/// <summary>A progress entry (progres harian / realisasi) reviewed by the supervisor.</summary>
public static class ProgressWorkflow
{
    private static readonly StatusMachine<ProgressStatus> Machine = new(
        new Dictionary<(ProgressStatus, WorkflowAction), ProgressStatus>
        {
            [(ProgressStatus.Submitted, WorkflowAction.Approve)] = ProgressStatus.Approved,
            [(ProgressStatus.Submitted, WorkflowAction.Return)] = ProgressStatus.Returned,
            [(ProgressStatus.Submitted, WorkflowAction.Edit)] = ProgressStatus.Submitted,
            [(ProgressStatus.Submitted, WorkflowAction.Withdraw)] = ProgressStatus.Withdrawn,
            [(ProgressStatus.Returned, WorkflowAction.Resubmit)] = ProgressStatus.Submitted,
            [(ProgressStatus.Returned, WorkflowAction.Withdraw)] = ProgressStatus.Withdrawn,
        },
        Refusal);

    public static TransitionResult<ProgressStatus> Apply(ProgressStatus current, WorkflowAction action) =>
        Machine.Apply(current, action);

    public static IReadOnlyList<WorkflowAction> AllowedActions(ProgressStatus current) => Machine.AllowedActions(current);

    private static string Refusal(ProgressStatus current, WorkflowAction action) => (current, action) switch
    {
        (_, not (WorkflowAction.Submit or WorkflowAction.Resubmit or WorkflowAction.Edit or WorkflowAction.Withdraw
            or WorkflowAction.Approve or WorkflowAction.Return)) => RefusalCodes.NotAllowed,
        (ProgressStatus.Approved, _) => RefusalCodes.AlreadyApproved,
        (ProgressStatus.Withdrawn, _) => RefusalCodes.Withdrawn,
        (ProgressStatus.Submitted, WorkflowAction.Submit or WorkflowAction.Resubmit) => RefusalCodes.AlreadySubmitted,
        (ProgressStatus.Returned, WorkflowAction.Approve or WorkflowAction.Return) => RefusalCodes.AlreadyReturned,

        // A returned entry changes only through Resubmit, which carries the correction.
        _ => RefusalCodes.NotAllowed,
    };
}

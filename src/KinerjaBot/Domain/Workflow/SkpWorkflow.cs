namespace KinerjaBot.Domain;

/// <summary>An SKP drafted by the employee and approved (ditetapkan) by the pejabat penilai kinerja.</summary>
public static class SkpWorkflow
{
    private static readonly StatusMachine<SkpStatus> Machine = new(
        new Dictionary<(SkpStatus, WorkflowAction), SkpStatus>
        {
            [(SkpStatus.Draft, WorkflowAction.Edit)] = SkpStatus.Draft,
            [(SkpStatus.Draft, WorkflowAction.Submit)] = SkpStatus.Submitted,
            [(SkpStatus.Submitted, WorkflowAction.Approve)] = SkpStatus.Approved,
            [(SkpStatus.Submitted, WorkflowAction.Return)] = SkpStatus.Returned,
            [(SkpStatus.Returned, WorkflowAction.Edit)] = SkpStatus.Returned,
            [(SkpStatus.Returned, WorkflowAction.Resubmit)] = SkpStatus.Submitted,
        },
        Refusal);

    public static TransitionResult<SkpStatus> Apply(SkpStatus current, WorkflowAction action) =>
        Machine.Apply(current, action);

    public static IReadOnlyList<WorkflowAction> AllowedActions(SkpStatus current) => Machine.AllowedActions(current);

    private static string Refusal(SkpStatus current, WorkflowAction action) => (current, action) switch
    {
        (_, not (WorkflowAction.Submit or WorkflowAction.Resubmit or WorkflowAction.Edit
            or WorkflowAction.Approve or WorkflowAction.Return)) => RefusalCodes.NotAllowed,
        (SkpStatus.Approved, _) => RefusalCodes.AlreadyApproved,
        (SkpStatus.Draft, _) => RefusalCodes.NotSubmitted,
        (SkpStatus.Submitted, _) => RefusalCodes.AlreadySubmitted,
        (SkpStatus.Returned, WorkflowAction.Approve or WorkflowAction.Return) => RefusalCodes.AlreadyReturned,

        // Submit on a returned SKP: Resubmit is the action that tells the supervisor it was revised.
        _ => RefusalCodes.NotAllowed,
    };
}

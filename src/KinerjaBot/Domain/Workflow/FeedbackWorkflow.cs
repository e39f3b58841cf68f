namespace KinerjaBot.Domain;

/// <summary>A request for umpan balik, answered, declined or closed once.</summary>
public static class FeedbackWorkflow
{
    private static readonly StatusMachine<FeedbackRequestStatus> Machine = new(
        new Dictionary<(FeedbackRequestStatus, WorkflowAction), FeedbackRequestStatus>
        {
            [(FeedbackRequestStatus.Open, WorkflowAction.Answer)] = FeedbackRequestStatus.Answered,
            [(FeedbackRequestStatus.Open, WorkflowAction.Decline)] = FeedbackRequestStatus.Declined,
            [(FeedbackRequestStatus.Open, WorkflowAction.Close)] = FeedbackRequestStatus.Closed,
        },
        Refusal);

    public static TransitionResult<FeedbackRequestStatus> Apply(FeedbackRequestStatus current, WorkflowAction action) =>
        Machine.Apply(current, action);

    public static IReadOnlyList<WorkflowAction> AllowedActions(FeedbackRequestStatus current) =>
        Machine.AllowedActions(current);

    private static string Refusal(FeedbackRequestStatus current, WorkflowAction action) =>
        action is WorkflowAction.Answer or WorkflowAction.Decline or WorkflowAction.Close
            ? current switch
            {
                FeedbackRequestStatus.Answered => RefusalCodes.AlreadyAnswered,
                FeedbackRequestStatus.Declined => RefusalCodes.AlreadyDeclined,
                _ => RefusalCodes.AlreadyClosed,
            }
            : RefusalCodes.NotAllowed;
}

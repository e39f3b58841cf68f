namespace KinerjaBot.Domain;

/// <summary>A periodic or annual appraisal: optional self-assessment, supervisor ratings, then the employee's response.</summary>
public static class AppraisalWorkflow
{
    private static readonly StatusMachine<AppraisalStatus> Machine = new(
        new Dictionary<(AppraisalStatus, WorkflowAction), AppraisalStatus>
        {
            [(AppraisalStatus.Draft, WorkflowAction.SelfAssess)] = AppraisalStatus.SelfAssessed,
            [(AppraisalStatus.SelfAssessed, WorkflowAction.SelfAssess)] = AppraisalStatus.SelfAssessed,
            [(AppraisalStatus.Draft, WorkflowAction.Rate)] = AppraisalStatus.Rated,
            [(AppraisalStatus.SelfAssessed, WorkflowAction.Rate)] = AppraisalStatus.Rated,
            [(AppraisalStatus.Rated, WorkflowAction.Rate)] = AppraisalStatus.Rated,
            [(AppraisalStatus.Rated, WorkflowAction.Finalize)] = AppraisalStatus.Finalized,
            [(AppraisalStatus.Finalized, WorkflowAction.Acknowledge)] = AppraisalStatus.Acknowledged,
            [(AppraisalStatus.Finalized, WorkflowAction.Object)] = AppraisalStatus.Objected,
        },
        Refusal);

    public static TransitionResult<AppraisalStatus> Apply(AppraisalStatus current, WorkflowAction action) =>
        Machine.Apply(current, action);

    public static IReadOnlyList<WorkflowAction> AllowedActions(AppraisalStatus current) => Machine.AllowedActions(current);

    private static string Refusal(AppraisalStatus current, WorkflowAction action)
    {
        var finalized = current is AppraisalStatus.Finalized or AppraisalStatus.Acknowledged or AppraisalStatus.Objected;
        return action switch
        {
            WorkflowAction.SelfAssess or WorkflowAction.Rate or WorkflowAction.Edit or WorkflowAction.Finalize when finalized =>
                RefusalCodes.Finalized,
            WorkflowAction.SelfAssess when current == AppraisalStatus.Rated => RefusalCodes.AlreadyRated,
            WorkflowAction.Finalize => RefusalCodes.NotRated,
            WorkflowAction.Acknowledge or WorkflowAction.Object => current switch
            {
                AppraisalStatus.Acknowledged => RefusalCodes.AlreadyAcknowledged,
                AppraisalStatus.Objected => RefusalCodes.AlreadyObjected,
                _ => RefusalCodes.NotFinalized,
            },
            _ => RefusalCodes.NotAllowed,
        };
    }
}

using KinerjaBot.Domain;

namespace KinerjaBot.Tests.Domain.Workflow;

public class ProgressWorkflowTests
{
    private static readonly Dictionary<(ProgressStatus, WorkflowAction), ProgressStatus> Allowed = new()
    {
            [(ProgressStatus.Submitted, WorkflowAction.Approve)] = ProgressStatus.Approved,
            [(ProgressStatus.Submitted, WorkflowAction.Return)] = ProgressStatus.Returned,
            [(ProgressStatus.Submitted, WorkflowAction.Edit)] = ProgressStatus.Submitted,
            [(ProgressStatus.Submitted, WorkflowAction.Withdraw)] = ProgressStatus.Withdrawn,
            [(ProgressStatus.Returned, WorkflowAction.Resubmit)] = ProgressStatus.Submitted,
            [(ProgressStatus.Returned, WorkflowAction.Withdraw)] = ProgressStatus.Withdrawn,
    };

    public static TheoryData<ProgressStatus, WorkflowAction> AllPairs => WorkflowTable.AllPairs<ProgressStatus>();

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Apply_EveryStatusAndAction_AllowsExactlyTheTable(ProgressStatus current, WorkflowAction action)
    {
        WorkflowTable.AssertTransition(ProgressWorkflow.Apply, Allowed, current, action);
    }

    [Theory]
    [InlineData(ProgressStatus.Approved, WorkflowAction.Approve, RefusalCodes.AlreadyApproved)]
    [InlineData(ProgressStatus.Approved, WorkflowAction.Edit, RefusalCodes.AlreadyApproved)]
    [InlineData(ProgressStatus.Approved, WorkflowAction.Withdraw, RefusalCodes.AlreadyApproved)]
    [InlineData(ProgressStatus.Returned, WorkflowAction.Return, RefusalCodes.AlreadyReturned)]
    [InlineData(ProgressStatus.Returned, WorkflowAction.Approve, RefusalCodes.AlreadyReturned)]
    [InlineData(ProgressStatus.Returned, WorkflowAction.Edit, RefusalCodes.NotAllowed)]
    [InlineData(ProgressStatus.Submitted, WorkflowAction.Resubmit, RefusalCodes.AlreadySubmitted)]
    [InlineData(ProgressStatus.Submitted, WorkflowAction.Submit, RefusalCodes.AlreadySubmitted)]
    [InlineData(ProgressStatus.Withdrawn, WorkflowAction.Resubmit, RefusalCodes.Withdrawn)]
    [InlineData(ProgressStatus.Withdrawn, WorkflowAction.Approve, RefusalCodes.Withdrawn)]
    [InlineData(ProgressStatus.Submitted, WorkflowAction.Rate, RefusalCodes.NotAllowed)]
    [InlineData(ProgressStatus.Approved, WorkflowAction.Answer, RefusalCodes.NotAllowed)]
    public void Apply_Refused_GivesTheReason(ProgressStatus current, WorkflowAction action, string expectedCode)
    {
        Assert.Equal(new TransitionResult<ProgressStatus>(false, current, expectedCode), ProgressWorkflow.Apply(current, action));
    }

    [Fact]
    public void AllowedActions_MatchTheTable()
    {
        WorkflowTable.AssertAllowedActions(ProgressWorkflow.AllowedActions, Allowed);
    }

    [Fact]
    public void Apply_UndefinedValues_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProgressWorkflow.Apply((ProgressStatus)99, WorkflowAction.Edit));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProgressWorkflow.Apply(default, (WorkflowAction)99));
    }
}

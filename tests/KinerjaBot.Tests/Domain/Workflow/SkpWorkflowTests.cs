using KinerjaBot.Domain;

namespace KinerjaBot.Tests.Domain.Workflow;

public class SkpWorkflowTests
{
    private static readonly Dictionary<(SkpStatus, WorkflowAction), SkpStatus> Allowed = new()
    {
            [(SkpStatus.Draft, WorkflowAction.Edit)] = SkpStatus.Draft,
            [(SkpStatus.Draft, WorkflowAction.Submit)] = SkpStatus.Submitted,
            [(SkpStatus.Submitted, WorkflowAction.Approve)] = SkpStatus.Approved,
            [(SkpStatus.Submitted, WorkflowAction.Return)] = SkpStatus.Returned,
            [(SkpStatus.Returned, WorkflowAction.Edit)] = SkpStatus.Returned,
            [(SkpStatus.Returned, WorkflowAction.Resubmit)] = SkpStatus.Submitted,
    };

    public static TheoryData<SkpStatus, WorkflowAction> AllPairs => WorkflowTable.AllPairs<SkpStatus>();

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Apply_EveryStatusAndAction_AllowsExactlyTheTable(SkpStatus current, WorkflowAction action)
    {
        WorkflowTable.AssertTransition(SkpWorkflow.Apply, Allowed, current, action);
    }

    [Theory]
    [InlineData(SkpStatus.Draft, WorkflowAction.Approve, RefusalCodes.NotSubmitted)]
    [InlineData(SkpStatus.Draft, WorkflowAction.Return, RefusalCodes.NotSubmitted)]
    [InlineData(SkpStatus.Draft, WorkflowAction.Resubmit, RefusalCodes.NotSubmitted)]
    [InlineData(SkpStatus.Submitted, WorkflowAction.Submit, RefusalCodes.AlreadySubmitted)]
    [InlineData(SkpStatus.Submitted, WorkflowAction.Edit, RefusalCodes.AlreadySubmitted)]
    [InlineData(SkpStatus.Approved, WorkflowAction.Edit, RefusalCodes.AlreadyApproved)]
    [InlineData(SkpStatus.Approved, WorkflowAction.Approve, RefusalCodes.AlreadyApproved)]
    [InlineData(SkpStatus.Returned, WorkflowAction.Return, RefusalCodes.AlreadyReturned)]
    [InlineData(SkpStatus.Returned, WorkflowAction.Approve, RefusalCodes.AlreadyReturned)]
    [InlineData(SkpStatus.Returned, WorkflowAction.Submit, RefusalCodes.NotAllowed)]
    [InlineData(SkpStatus.Draft, WorkflowAction.Withdraw, RefusalCodes.NotAllowed)]
    [InlineData(SkpStatus.Submitted, WorkflowAction.Finalize, RefusalCodes.NotAllowed)]
    public void Apply_Refused_GivesTheReason(SkpStatus current, WorkflowAction action, string expectedCode)
    {
        Assert.Equal(new TransitionResult<SkpStatus>(false, current, expectedCode), SkpWorkflow.Apply(current, action));
    }

    [Fact]
    public void AllowedActions_MatchTheTable()
    {
        WorkflowTable.AssertAllowedActions(SkpWorkflow.AllowedActions, Allowed);
    }

    [Fact]
    public void Apply_UndefinedValues_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SkpWorkflow.Apply((SkpStatus)99, WorkflowAction.Edit));
        Assert.Throws<ArgumentOutOfRangeException>(() => SkpWorkflow.Apply(default, (WorkflowAction)99));
    }
}

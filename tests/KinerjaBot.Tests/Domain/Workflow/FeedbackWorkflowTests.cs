using KinerjaBot.Domain;

namespace KinerjaBot.Tests.Domain.Workflow;

public class FeedbackWorkflowTests
{
    private static readonly Dictionary<(FeedbackRequestStatus, WorkflowAction), FeedbackRequestStatus> Allowed = new()
    {
            [(FeedbackRequestStatus.Open, WorkflowAction.Answer)] = FeedbackRequestStatus.Answered,
            [(FeedbackRequestStatus.Open, WorkflowAction.Decline)] = FeedbackRequestStatus.Declined,
            [(FeedbackRequestStatus.Open, WorkflowAction.Close)] = FeedbackRequestStatus.Closed,
    };

    public static TheoryData<FeedbackRequestStatus, WorkflowAction> AllPairs => WorkflowTable.AllPairs<FeedbackRequestStatus>();

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Apply_EveryStatusAndAction_AllowsExactlyTheTable(FeedbackRequestStatus current, WorkflowAction action)
    {
        WorkflowTable.AssertTransition(FeedbackWorkflow.Apply, Allowed, current, action);
    }

    [Theory]
    [InlineData(FeedbackRequestStatus.Answered, WorkflowAction.Answer, RefusalCodes.AlreadyAnswered)]
    [InlineData(FeedbackRequestStatus.Answered, WorkflowAction.Close, RefusalCodes.AlreadyAnswered)]
    [InlineData(FeedbackRequestStatus.Declined, WorkflowAction.Answer, RefusalCodes.AlreadyDeclined)]
    [InlineData(FeedbackRequestStatus.Closed, WorkflowAction.Answer, RefusalCodes.AlreadyClosed)]
    [InlineData(FeedbackRequestStatus.Closed, WorkflowAction.Close, RefusalCodes.AlreadyClosed)]
    [InlineData(FeedbackRequestStatus.Open, WorkflowAction.Approve, RefusalCodes.NotAllowed)]
    [InlineData(FeedbackRequestStatus.Answered, WorkflowAction.Edit, RefusalCodes.NotAllowed)]
    public void Apply_Refused_GivesTheReason(FeedbackRequestStatus current, WorkflowAction action, string expectedCode)
    {
        Assert.Equal(new TransitionResult<FeedbackRequestStatus>(false, current, expectedCode), FeedbackWorkflow.Apply(current, action));
    }

    [Fact]
    public void AllowedActions_MatchTheTable()
    {
        WorkflowTable.AssertAllowedActions(FeedbackWorkflow.AllowedActions, Allowed);
    }

    [Fact]
    public void Apply_UndefinedValues_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FeedbackWorkflow.Apply((FeedbackRequestStatus)99, WorkflowAction.Edit));
        Assert.Throws<ArgumentOutOfRangeException>(() => FeedbackWorkflow.Apply(default, (WorkflowAction)99));
    }
}

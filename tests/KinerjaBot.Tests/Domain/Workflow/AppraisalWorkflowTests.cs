using KinerjaBot.Domain;

namespace KinerjaBot.Tests.Domain.Workflow;

public class AppraisalWorkflowTests
{
    private static readonly Dictionary<(AppraisalStatus, WorkflowAction), AppraisalStatus> Allowed = new()
    {
            [(AppraisalStatus.Draft, WorkflowAction.SelfAssess)] = AppraisalStatus.SelfAssessed,
            [(AppraisalStatus.SelfAssessed, WorkflowAction.SelfAssess)] = AppraisalStatus.SelfAssessed,
            [(AppraisalStatus.Draft, WorkflowAction.Rate)] = AppraisalStatus.Rated,
            [(AppraisalStatus.SelfAssessed, WorkflowAction.Rate)] = AppraisalStatus.Rated,
            [(AppraisalStatus.Rated, WorkflowAction.Rate)] = AppraisalStatus.Rated,
            [(AppraisalStatus.Rated, WorkflowAction.Finalize)] = AppraisalStatus.Finalized,
            [(AppraisalStatus.Finalized, WorkflowAction.Acknowledge)] = AppraisalStatus.Acknowledged,
            [(AppraisalStatus.Finalized, WorkflowAction.Object)] = AppraisalStatus.Objected,
    };

    public static TheoryData<AppraisalStatus, WorkflowAction> AllPairs => WorkflowTable.AllPairs<AppraisalStatus>();

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Apply_EveryStatusAndAction_AllowsExactlyTheTable(AppraisalStatus current, WorkflowAction action)
    {
        WorkflowTable.AssertTransition(AppraisalWorkflow.Apply, Allowed, current, action);
    }

    [Theory]
    [InlineData(AppraisalStatus.Finalized, WorkflowAction.Rate, RefusalCodes.Finalized)]
    [InlineData(AppraisalStatus.Finalized, WorkflowAction.Edit, RefusalCodes.Finalized)]
    [InlineData(AppraisalStatus.Finalized, WorkflowAction.SelfAssess, RefusalCodes.Finalized)]
    [InlineData(AppraisalStatus.Finalized, WorkflowAction.Finalize, RefusalCodes.Finalized)]
    [InlineData(AppraisalStatus.Acknowledged, WorkflowAction.Rate, RefusalCodes.Finalized)]
    [InlineData(AppraisalStatus.Acknowledged, WorkflowAction.Edit, RefusalCodes.Finalized)]
    [InlineData(AppraisalStatus.Acknowledged, WorkflowAction.SelfAssess, RefusalCodes.Finalized)]
    [InlineData(AppraisalStatus.Objected, WorkflowAction.Rate, RefusalCodes.Finalized)]
    [InlineData(AppraisalStatus.Objected, WorkflowAction.Edit, RefusalCodes.Finalized)]
    [InlineData(AppraisalStatus.Objected, WorkflowAction.SelfAssess, RefusalCodes.Finalized)]
    [InlineData(AppraisalStatus.Rated, WorkflowAction.SelfAssess, RefusalCodes.AlreadyRated)]
    [InlineData(AppraisalStatus.Draft, WorkflowAction.Finalize, RefusalCodes.NotRated)]
    [InlineData(AppraisalStatus.SelfAssessed, WorkflowAction.Finalize, RefusalCodes.NotRated)]
    [InlineData(AppraisalStatus.Rated, WorkflowAction.Acknowledge, RefusalCodes.NotFinalized)]
    [InlineData(AppraisalStatus.Draft, WorkflowAction.Object, RefusalCodes.NotFinalized)]
    [InlineData(AppraisalStatus.Acknowledged, WorkflowAction.Acknowledge, RefusalCodes.AlreadyAcknowledged)]
    [InlineData(AppraisalStatus.Acknowledged, WorkflowAction.Object, RefusalCodes.AlreadyAcknowledged)]
    [InlineData(AppraisalStatus.Objected, WorkflowAction.Object, RefusalCodes.AlreadyObjected)]
    [InlineData(AppraisalStatus.Objected, WorkflowAction.Acknowledge, RefusalCodes.AlreadyObjected)]
    [InlineData(AppraisalStatus.Draft, WorkflowAction.Edit, RefusalCodes.NotAllowed)]
    [InlineData(AppraisalStatus.Rated, WorkflowAction.Approve, RefusalCodes.NotAllowed)]
    public void Apply_Refused_GivesTheReason(AppraisalStatus current, WorkflowAction action, string expectedCode)
    {
        Assert.Equal(new TransitionResult<AppraisalStatus>(false, current, expectedCode), AppraisalWorkflow.Apply(current, action));
    }

    [Fact]
    public void AllowedActions_MatchTheTable()
    {
        WorkflowTable.AssertAllowedActions(AppraisalWorkflow.AllowedActions, Allowed);
    }

    [Fact]
    public void Apply_UndefinedValues_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AppraisalWorkflow.Apply((AppraisalStatus)99, WorkflowAction.Edit));
        Assert.Throws<ArgumentOutOfRangeException>(() => AppraisalWorkflow.Apply(default, (WorkflowAction)99));
    }
}

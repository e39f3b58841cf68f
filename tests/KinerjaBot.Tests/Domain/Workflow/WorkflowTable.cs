using KinerjaBot.Domain;

namespace KinerjaBot.Tests.Domain.Workflow;

// Builds the full (status × action) grid so every machine is checked on every pair, not only on the allowed ones.
internal static class WorkflowTable
{
    public static TheoryData<TStatus, WorkflowAction> AllPairs<TStatus>()
        where TStatus : struct, Enum
    {
        var data = new TheoryData<TStatus, WorkflowAction>();
        foreach (var status in Enum.GetValues<TStatus>())
        {
            foreach (var action in Enum.GetValues<WorkflowAction>())
            {
                data.Add(status, action);
            }
        }

        return data;
    }

    public static void AssertTransition<TStatus>(
        Func<TStatus, WorkflowAction, TransitionResult<TStatus>> apply,
        IReadOnlyDictionary<(TStatus, WorkflowAction), TStatus> allowed,
        TStatus current,
        WorkflowAction action)
        where TStatus : struct, Enum
    {
        var result = apply(current, action);

        if (allowed.TryGetValue((current, action), out var next))
        {
            Assert.True(result.Allowed, $"{current} + {action} should be allowed");
            Assert.Equal(next, result.Next);
            Assert.Null(result.RefusalCode);
        }
        else
        {
            Assert.False(result.Allowed, $"{current} + {action} should be refused");
            Assert.Equal(current, result.Next);
            Assert.False(string.IsNullOrEmpty(result.RefusalCode));
            Assert.Contains(result.RefusalCode, AllRefusalCodes);
        }
    }

    public static void AssertAllowedActions<TStatus>(
        Func<TStatus, IReadOnlyList<WorkflowAction>> allowedActions,
        IReadOnlyDictionary<(TStatus, WorkflowAction), TStatus> allowed)
        where TStatus : struct, Enum
    {
        foreach (var status in Enum.GetValues<TStatus>())
        {
            Assert.Equal(
                allowed.Keys.Where(k => EqualityComparer<TStatus>.Default.Equals(k.Item1, status)).Select(k => k.Item2).Order(),
                allowedActions(status).Order());
        }
    }

    private static readonly HashSet<string?> AllRefusalCodes =
    [
        .. typeof(RefusalCodes).GetFields().Select(f => (string?)f.GetValue(null)),
    ];
}

namespace KinerjaBot.Domain;

// The allowed transitions are data; refusals get a reason from the machine's own rule so that a stale
// card button ("Approve" on an entry already returned) can be answered precisely.
internal sealed class StatusMachine<TStatus>(
    IReadOnlyDictionary<(TStatus From, WorkflowAction Action), TStatus> transitions,
    Func<TStatus, WorkflowAction, string> refusalCode)
    where TStatus : struct, Enum
{
    public TransitionResult<TStatus> Apply(TStatus current, WorkflowAction action)
    {
        EnumGuard.EnsureDefined(current);
        EnumGuard.EnsureDefined(action);
        return transitions.TryGetValue((current, action), out var next)
            ? new TransitionResult<TStatus>(true, next, null)
            : new TransitionResult<TStatus>(false, current, refusalCode(current, action));
    }

    public IReadOnlyList<WorkflowAction> AllowedActions(TStatus current)
    {
        EnumGuard.EnsureDefined(current);
        return [.. Enum.GetValues<WorkflowAction>().Where(a => transitions.ContainsKey((current, a)))];
    }
}

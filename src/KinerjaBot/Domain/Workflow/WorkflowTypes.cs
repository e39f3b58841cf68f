namespace KinerjaBot.Domain;

public enum ProgressStatus
{
    Submitted,
    Approved,
    Returned,
    Withdrawn,
}

public enum SkpStatus
{
    Draft,
    Submitted,
    Approved,
    Returned,
}

public enum AppraisalStatus
{
    Draft,
    SelfAssessed,

    /// <summary>The supervisor saved ratings but has not finalized them.</summary>
    Rated,
    Finalized,
    Acknowledged,
    Objected,
}

public enum FeedbackRequestStatus
{
    Open,
    Answered,
    Declined,
    Closed,
}

/// <summary>Everything a person can do to a progress entry, SKP, appraisal or feedback request.</summary>
public enum WorkflowAction
{
    Submit,
    Approve,
    Return,
    Withdraw,
    Edit,
    Resubmit,
    SelfAssess,
    Rate,
    Finalize,
    Acknowledge,
    Object,
    Answer,
    Decline,
    Close,
}

/// <summary>The outcome of applying an action: the next status, or the current one and why the action was refused.</summary>
public readonly record struct TransitionResult<TStatus>(bool Allowed, TStatus Next, string? RefusalCode);

/// <summary>Stable reasons for a refused action, for the UI to localize.</summary>
public static class RefusalCodes
{
    /// <summary>The action has no meaning for this kind of item, or not in this status.</summary>
    public const string NotAllowed = "NotAllowed";

    public const string NotSubmitted = "NotSubmitted";
    public const string AlreadySubmitted = "AlreadySubmitted";
    public const string AlreadyApproved = "AlreadyApproved";
    public const string AlreadyReturned = "AlreadyReturned";
    public const string Withdrawn = "Withdrawn";
    public const string AlreadyRated = "AlreadyRated";
    public const string NotRated = "NotRated";
    public const string NotFinalized = "NotFinalized";

    /// <summary>A finalized appraisal is immutable.</summary>
    public const string Finalized = "Finalized";

    public const string AlreadyAcknowledged = "AlreadyAcknowledged";
    public const string AlreadyObjected = "AlreadyObjected";
    public const string AlreadyAnswered = "AlreadyAnswered";
    public const string AlreadyDeclined = "AlreadyDeclined";
    public const string AlreadyClosed = "AlreadyClosed";
}

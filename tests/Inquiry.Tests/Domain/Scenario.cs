using SupportPlatform.Inquiry.Domain;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.Domain;

/// <summary>Given (past events) → When (a decision on the folded state) → Then (events or an error).</summary>
public sealed class Scenario
{
    private readonly InquiryState? state;
    private Decision decision;

    private Scenario(IEnumerable<IInquiryEvent> history) => state = InquiryState.Fold(history);

    public static Scenario Given(params IInquiryEvent[] history) => new(history);

    public Scenario When(Func<InquiryState?, Decision> decide)
    {
        decision = decide(state);
        return this;
    }

    public void Then(params IInquiryEvent[] expected)
    {
        Assert.Null(decision.Error);
        Assert.Equal(expected, decision.Events);
    }

    public void ThenFails(DomainError expected)
    {
        Assert.Equal(expected, decision.Error);
        Assert.Empty(decision.Events);
    }
}

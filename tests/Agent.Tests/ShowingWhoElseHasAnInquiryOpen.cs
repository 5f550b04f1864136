extern alias agent;

using agent::SupportPlatform.Agent.Live.Watching;
using Xunit;

namespace SupportPlatform.Agent.Tests;

/// <summary>Which colleagues an inquiry page lists, from the pages every replica announced.</summary>
public sealed class ShowingWhoElseHasAnInquiryOpen
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Me = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly Guid Kim = Guid.Parse("00000000-0000-0000-0000-000000000002");
    private static readonly Guid Lee = Guid.Parse("00000000-0000-0000-0000-000000000003");

    [Fact]
    public void A_colleague_with_two_tabs_counts_once_and_typing_wins_over_viewing()
    {
        var others = PresenceRules.Others(
            [new(Kim, Activities.Viewing, Now.AddSeconds(-5)), new(Kim, Activities.Typing, Now.AddSeconds(-1)), new(Lee, Activities.Viewing, Now)],
            Me, Now);

        Assert.Equal([new Colleague(Kim, Activities.Typing), new Colleague(Lee, Activities.Viewing)], others);
    }

    [Fact]
    public void My_own_pages_are_not_listed() =>
        Assert.Empty(PresenceRules.Others([new(Me, Activities.Typing, Now)], Me, Now));

    [Fact]
    public void A_page_not_heard_from_for_three_heartbeats_is_gone()
    {
        var others = PresenceRules.Others(
            [new(Kim, Activities.Viewing, Now - PresenceRules.Expiry), new(Lee, Activities.Viewing, Now - PresenceRules.Expiry + TimeSpan.FromSeconds(1))],
            Me, Now);

        Assert.Equal([new Colleague(Lee, Activities.Viewing)], others);
    }
}

extern alias agent;

using agent::SupportPlatform.Agent.SavedReplies.Rendering;
using Xunit;

namespace SupportPlatform.Agent.Tests;

/// <summary>Filling a saved reply's variables: pure, at insertion, and never silently empty.</summary>
public sealed class RenderingSavedReplies
{
    private static readonly Dictionary<string, string?> Values = new()
    {
        [ReplyVariables.Company] = "다우테크놀로지 주식회사",
        [ReplyVariables.InquiryNumber] = "0193a4c2-7d1e-7b9a-9f00-1a2b3c4d5e6f",
        [ReplyVariables.Assignee] = "김상담",
        [ReplyVariables.LoungeLink] = "https://lounge.test/my-inquiries",
    };

    [Fact]
    public void Every_variable_is_filled_from_the_values_given()
    {
        var rendered = ReplyTemplate.Render(
            "안녕하세요, {{회사명}} 고객님.\n문의 {{문의번호}}는 {{담당자}}가 맡았습니다. {{고객케어 라운지 링크}}", Values);

        Assert.Equal(
            "안녕하세요, 다우테크놀로지 주식회사 고객님.\n문의 0193a4c2-7d1e-7b9a-9f00-1a2b3c4d5e6f는 김상담가 맡았습니다. https://lounge.test/my-inquiries",
            rendered.Text);
        Assert.Empty(rendered.Unfilled);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_variable_without_a_value_stays_visible_and_is_reported(string? assignee)
    {
        var rendered = ReplyTemplate.Render("담당: {{담당자}} / {{ 담당자 }}", new Dictionary<string, string?>(Values) { [ReplyVariables.Assignee] = assignee });

        Assert.Equal("담당: {{담당자}} / {{담당자}}", rendered.Text);
        Assert.Equal([ReplyVariables.Assignee], rendered.Unfilled);
        Assert.Equal([ReplyVariables.Assignee], ReplyTemplate.Placeholders(rendered.Text));
    }

    [Fact]
    public void A_value_is_text_not_markdown()
    {
        var rendered = ReplyTemplate.Render("{{회사명}}", new Dictionary<string, string?> { [ReplyVariables.Company] = "*(주)굿메일* [본사]\n# 제목" });

        Assert.Equal(@"\*(주)굿메일\* \[본사\] \# 제목", rendered.Text);
    }

    [Fact]
    public void Unknown_names_are_left_alone_and_found_for_the_editor()
    {
        const string template = "{{회사}} 님, {{회사명}} {{ name }}";

        Assert.Equal(["회사", "name"], ReplyTemplate.UnknownVariables(template));
        Assert.Equal("{{회사}} 님, 다우테크놀로지 주식회사 {{ name }}", ReplyTemplate.Render(template, Values).Text);
        Assert.Empty(ReplyTemplate.Placeholders("{{회사}} {{ name }}"));
    }

    [Fact]
    public void A_filled_reply_has_no_placeholders_left() =>
        Assert.Empty(ReplyTemplate.Placeholders(ReplyTemplate.Render("{{회사명}} {{문의번호}} {{담당자}} {{고객케어 라운지 링크}}", Values).Text));
}

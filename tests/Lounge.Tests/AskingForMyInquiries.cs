using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Lounge.Tests;

/// <summary>내 문의: the links to one's inquiries by email, without an account and without telling strangers anything.</summary>
[Collection(LoungeCollection.Name)]
public sealed class AskingForMyInquiries(LoungeSite site)
{
    private const string Acknowledgement = "요청을 받았습니다. 입력하신 주소로 접수된 문의가 있으면, 문의 링크를 모은 메일이 곧 도착합니다.";

    [Fact]
    public async Task An_address_with_inquiries_receives_one_email_linking_each_and_a_stranger_sees_the_same_page()
    {
        var customer = $"mine-{Guid.NewGuid():N}@customer.test";
        var stranger = $"stranger-{Guid.NewGuid():N}@customer.test";
        var (first, _) = await site.SubmitThroughApiAsync(customer, "첫 번째 문의");
        var (second, _) = await site.SubmitThroughApiAsync(customer.ToUpperInvariant(), "두 번째 문의");
        await Eventually.TrueAsync(async () => await site.QueuedInquiriesOfAsync(customer) == 2, "both inquiries in the read model");
        var page = await site.OpenPageAsync();

        await page.GotoAsync("/my-inquiries");
        await page.GetByLabel("이메일 주소").FillAsync(stranger);
        await page.GetByRole(AriaRole.Button, new() { Name = "링크 받기" }).ClickAsync();
        var forStranger = await page.GetByRole(AriaRole.Status).InnerTextAsync();

        await page.GetByLabel("이메일 주소").FillAsync(customer);
        await page.GetByRole(AriaRole.Button, new() { Name = "링크 받기" }).ClickAsync();
        var forCustomer = await page.GetByRole(AriaRole.Status).InnerTextAsync();

        Assert.StartsWith(Acknowledgement, forCustomer, StringComparison.Ordinal);
        Assert.Equal(forStranger, forCustomer);

        var email = await site.FirstMailToAsync(customer, "내 문의 링크");
        var links = System.Text.RegularExpressions.Regex.Matches(email.TextBody ?? "", $@"{System.Text.RegularExpressions.Regex.Escape(site.LoungeUrl.ToString())}inquiries/\S+")
            .Select(m => m.Value).ToList();
        Assert.Equal(2, links.Count);
        Assert.Contains(links, l => l.Contains(first.ToString(), StringComparison.Ordinal));
        Assert.Contains(links, l => l.Contains(second.ToString(), StringComparison.Ordinal));
        // The stranger's request came first and published nothing: by now its email would have arrived.
        Assert.Empty(await site.MailToAsync(stranger));
        Assert.Single(await site.MailToAsync(customer), m => (m.Subject ?? "").Contains("내 문의 링크", StringComparison.Ordinal));

        await page.GotoAsync(links.Single(l => l.Contains(second.ToString(), StringComparison.Ordinal)));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("두 번째 문의");
        await page.GetByLabel("내용", new() { Exact = true }).FillAsync("메일로 받은 링크로 답장합니다.");
        await page.GetByRole(AriaRole.Button, new() { Name = "보내기" }).ClickAsync();
        await Assertions.Expect(page.Locator(".message--customer").Last).ToContainTextAsync("메일로 받은 링크로 답장합니다.");
    }

    [Fact]
    public async Task The_api_answers_202_alike_for_known_and_unknown_addresses_and_400_for_a_malformed_one()
    {
        var known = $"known-{Guid.NewGuid():N}@customer.test";
        await site.SubmitThroughApiAsync(known, "알려진 주소");
        await Eventually.TrueAsync(async () => await site.QueuedInquiriesOfAsync(known) == 1, "the inquiry in the read model");
        using var client = site.Inquiry();

        var forKnown = await client.PostAsJsonAsync("/api/inquiry-links", new { email = known });
        var forUnknown = await client.PostAsJsonAsync("/api/inquiry-links", new { email = $"unknown-{Guid.NewGuid():N}@customer.test" });
        var malformed = await client.PostAsJsonAsync("/api/inquiry-links", new { email = "not an address" });

        Assert.Equal(HttpStatusCode.Accepted, forKnown.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, forUnknown.StatusCode);
        Assert.Equal(await forKnown.Content.ReadAsStringAsync(), await forUnknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("\"email\"", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_minted_link_opens_only_its_own_inquiry()
    {
        var owner = $"owner-{Guid.NewGuid():N}@customer.test";
        var (mine, _) = await site.SubmitThroughApiAsync(owner, "내 것");
        var (other, _) = await site.SubmitThroughApiAsync($"other-{Guid.NewGuid():N}@customer.test", "남의 것");
        await Eventually.TrueAsync(async () => await site.QueuedInquiriesOfAsync(owner) == 1, "the inquiry in the read model");
        using var client = site.Inquiry();
        (await client.PostAsJsonAsync("/api/inquiry-links", new { email = owner })).EnsureSuccessStatusCode();
        var email = await site.FirstMailToAsync(owner, "내 문의 링크");
        var token = System.Text.RegularExpressions.Regex.Match(email.TextBody ?? "", @"token=(\S+)").Groups[1].Value;
        token = Uri.UnescapeDataString(token);

        using var ownRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/inquiries/{mine}") { Headers = { { "X-Inquiry-Token", token } } };
        using var otherRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/inquiries/{other}") { Headers = { { "X-Inquiry-Token", token } } };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(ownRequest)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(otherRequest)).StatusCode);
    }
}

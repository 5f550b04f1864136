extern alias agent;

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Testing;
using Xunit;
using StaffAccounts = agent::SupportPlatform.Agent.Staff.StaffAccounts;

namespace SupportPlatform.Agent.Tests;

/// <summary>
/// Issue 20, finding 5: the sign-out form had no antiforgery token (400), and a copied cookie kept
/// working after sign-out. Signing out works from every page and revokes the cookie.
/// </summary>
public sealed partial class SigningOut(DeskPlatform platform) : IClassFixture<DeskPlatform>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/inquiries/{id}")]
    [InlineData("/articles")]
    public async Task Signing_out_works_from_the_page_and_a_replayed_cookie_is_refused(string path)
    {
        var (_, email) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var (inquiryId, _) = await platform.SubmitInquiryAsync("로그아웃 확인");
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false, ServerCertificateCustomValidationCallback = TestCertificate.IsTrusted }) { BaseAddress = platform.DeskUrl };
        await DeskPlatform.SignInAsync(browser, email);
        var page = await browser.GetAsync(path.Replace("{id}", inquiryId.ToString(), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var stolen = cookies.GetCookies(platform.DeskUrl)[AgentCookie]!.Value;

        var signedOut = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = DeskPlatform.AntiforgeryToken(SignOutForm(await page.Content.ReadAsStringAsync())),
        }));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/account/login", signedOut.Headers.Location?.OriginalString);
        var replayed = await ReplayAsync(stolen);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/account/login", replayed.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabling_a_member_ends_their_open_session_at_the_next_request()
    {
        var (id, email) = await platform.CreateMemberAsync(StaffRoles.Agent);
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false, ServerCertificateCustomValidationCallback = TestCertificate.IsTrusted }) { BaseAddress = platform.DeskUrl };
        await DeskPlatform.SignInAsync(browser, email);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        var cookie = cookies.GetCookies(platform.DeskUrl)[AgentCookie]!.Value;

        await using (var scope = platform.Desk.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<StaffAccounts>().SetDisabledAsync(id, true)).Succeeded);
        }

        var afterwards = await ReplayAsync(cookie);
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.StartsWith("/account/login", afterwards.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private const string AgentCookie = "sp_desk";

    /// <summary>The cookie sent by another client, as an attacker who copied it would.</summary>
    private async Task<HttpResponseMessage> ReplayAsync(string cookie)
    {
        using var attacker = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false, ServerCertificateCustomValidationCallback = TestCertificate.IsTrusted }) { BaseAddress = platform.DeskUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", $"{AgentCookie}={cookie}");
        return await attacker.SendAsync(request);
    }

    private static string SignOutForm(string html) =>
        SignOutFormPattern().Match(html) is { Success: true } form ? form.Value : throw new InvalidOperationException("No sign-out form on the page.");

    [GeneratedRegex("<form[^>]*class=\"signout\"[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex SignOutFormPattern();
}

extern alias agent;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using SupportPlatform.ServiceDefaults;
using Xunit;
using CreateAdminCommand = agent::SupportPlatform.Agent.Staff.CreatingAdmin.CreateAdminCommand;
using StaffAccounts = agent::SupportPlatform.Agent.Staff.StaffAccounts;
using StaffMember = agent::SupportPlatform.Agent.Staff.StaffMember;

namespace SupportPlatform.Agent.Tests;

/// <summary>Staff accounts, the login form, tokens for scripts and what every answer of the desk carries — over HTTP.</summary>
public sealed class SigningInAndIssuingTokens(DeskPlatform platform) : IClassFixture<DeskPlatform>
{
    [Fact]
    public async Task A_token_carries_the_staff_id_and_roles_and_the_other_services_authorise_by_it()
    {
        var (id, email) = await platform.CreateMemberAsync(StaffRoles.Agent);
        using var desk = platform.Browser();

        var response = await desk.PostAsJsonAsync("/api/auth/token", new { email, password = DeskPlatform.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var issued = await response.Content.ReadFromJsonAsync<JsonElement>();
        var token = issued.GetProperty("accessToken").GetString()!;
        var expiresAt = issued.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(16));
        var claims = new System.IdentityModel.Tokens.Jwt.JwtSecurityTokenHandler().ReadJwtToken(token).Claims.ToArray();
        Assert.Equal(id.ToString(), claims.Single(c => c.Type == "sub").Value);
        Assert.Equal([StaffRoles.Agent], claims.Where(c => c.Type == "role").Select(c => c.Value));

        using var inquiry = new HttpClient { BaseAddress = platform.InquiryUrl };
        inquiry.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await inquiry.GetAsync("/api/agent/inquiries")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await inquiry.GetAsync("/api/compliance/retention-report")).StatusCode);
    }

    [Fact]
    public async Task Wrong_passwords_get_401_then_the_account_locks_even_for_the_right_password()
    {
        var (_, email) = await platform.CreateMemberAsync(StaffRoles.Agent);
        using var desk = platform.Browser();

        var wrong = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            wrong.Add((await desk.PostAsJsonAsync("/api/auth/token", new { email, password = "not the password at all" })).StatusCode);
        }

        var right = await desk.PostAsJsonAsync("/api/auth/token", new { email, password = DeskPlatform.Password });
        var invalid = await desk.PostAsJsonAsync("/api/auth/token", new { email = "", password = "" });
        var unknown = await desk.PostAsJsonAsync("/api/auth/token", new { email = "nobody@staff.test", password = DeskPlatform.Password });

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Locked], wrong);
        Assert.Equal(HttpStatusCode.Locked, right.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(["email", "password"], (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_login_and_an_agent_gets_403_on_compliance_pages()
    {
        var (_, email) = await platform.CreateMemberAsync(StaffRoles.Agent);
        using var anonymous = platform.Browser();
        using var agent = platform.Browser();

        var queue = await anonymous.GetAsync("/");
        var report = await anonymous.GetAsync("/compliance/report");
        var signedIn = await DeskPlatform.SignInAsync(agent, email);
        var compliancePages = await Task.WhenAll(
            new[] { "/compliance/report", "/compliance/holds", "/compliance/erasure", "/compliance/retention", "/admin/staff" }.Select(agent.GetAsync));
        var agentQueue = await agent.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, queue.StatusCode);
        Assert.StartsWith("/account/login", queue.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("ReturnUrl=%2Fcompliance%2Freport", report.Headers.Location!.Query, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
        Assert.All(compliancePages, page => Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode));
        Assert.Equal(HttpStatusCode.OK, agentQueue.StatusCode);
        var missing = await agent.GetAsync($"/inquiries/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("404 Not found", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var (_, officerEmail) = await platform.CreateMemberAsync(StaffRoles.Compliance);
        using var officer = platform.Browser();
        await DeskPlatform.SignInAsync(officer, officerEmail);
        var officerStart = await officer.GetAsync("/");
        Assert.Equal("/compliance/report", officerStart.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync($"/inquiries/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        var (_, email) = await platform.CreateMemberAsync(StaffRoles.Agent);
        using var browser = platform.Browser();
        await browser.GetAsync("/account/login");

        var forged = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = DeskPlatform.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task Pages_carry_csp_frame_denial_no_store_and_a_secure_http_only_strict_cookie()
    {
        var (_, email) = await platform.CreateMemberAsync(StaffRoles.Agent);
        using var browser = platform.Browser();

        var login = await browser.GetAsync("/account/login");
        var signedIn = await DeskPlatform.SignInAsync(browser, email);
        var queue = await browser.GetAsync("/");
        var css = await browser.GetAsync("/static/desk.css");

        foreach (var page in new[] { login, queue })
        {
            Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
            Assert.True(page.Headers.CacheControl?.NoStore, "pages must not be cached");
        }

        Assert.False(css.Headers.CacheControl?.NoStore ?? false);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sp_desk=", StringComparison.Ordinal));
        var antiforgery = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sp_desk_csrf=", StringComparison.Ordinal));
        foreach (var set in new[] { cookie, antiforgery })
        {
            Assert.Contains("; secure", set, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("httponly", set, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", set, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void The_tests_run_the_cookie_policy_production_has()
    {
        var services = platform.Desk.Services;

        var signIn = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var antiforgery = services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value;

        Assert.Equal(CookieSecurePolicy.Always, signIn.Cookie.SecurePolicy);
        Assert.Equal(CookieSecurePolicy.Always, antiforgery.Cookie.SecurePolicy);
    }

    [Fact]
    public async Task Create_admin_reads_the_password_from_stdin_and_the_admin_can_sign_in()
    {
        var email = $"admin-{Guid.NewGuid():N}@staff.test";
        using var output = new StringWriter();

        var missing = await CreateAdminCommand.RunAsync(platform.Desk.Services, email, "관리자", new StringReader(""), output);
        var created = await CreateAdminCommand.RunAsync(platform.Desk.Services, email, "관리자", new StringReader("a long admin passphrase\n"), output);

        Assert.Equal(2, missing);
        Assert.Equal(0, created);
        var parsed = CreateAdminCommand.Parse(["create-admin", "--email", "x@y.test", "--name", "이름", "--urls", "http://127.0.0.1:6201"]);
        Assert.Equal(("x@y.test", "이름"), (parsed.Email, parsed.Name));
        Assert.Equal(["--urls", "http://127.0.0.1:6201"], parsed.HostArgs);
        using var browser = platform.Browser();
        var token = await browser.PostAsJsonAsync("/api/auth/token", new { email, password = "a long admin passphrase" });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var signedIn = await DeskPlatform.SignInAsync(browser, email, "a long admin passphrase");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/staff")).StatusCode);
    }

    [Fact]
    public async Task An_admin_invites_a_member_who_sets_a_password_and_a_disabled_member_gets_no_token()
    {
        var (_, adminEmail) = await platform.CreateMemberAsync(StaffRoles.Admin);
        using var admin = platform.Browser();
        await DeskPlatform.SignInAsync(admin, adminEmail);
        var invitee = $"new-{Guid.NewGuid():N}@staff.test";

        var staffPage = await admin.GetStringAsync("/admin/staff");
        var invited = await admin.PostAsync("/admin/staff?handler=Invite", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = invitee,
            ["Name"] = "박신입",
            ["Roles"] = StaffRoles.Agent,
            ["__RequestVerificationToken"] = DeskPlatform.AntiforgeryToken(staffPage),
        }));
        var invitedHtml = await invited.Content.ReadAsStringAsync();
        var link = System.Text.RegularExpressions.Regex.Match(invitedHtml, "id=\"invite-link\" readonly value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(link), "the page shows the invitation link");

        using var newcomer = platform.Browser();
        var setPasswordUrl = new Uri(System.Net.WebUtility.HtmlDecode(link));
        var form = await newcomer.GetStringAsync(setPasswordUrl.PathAndQuery);
        var query = System.Web.HttpUtility.ParseQueryString(setPasswordUrl.Query);
        var set = await newcomer.PostAsync(setPasswordUrl.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Member"] = query["member"]!,
            ["Token"] = query["token"]!,
            ["Password"] = "my own long passphrase",
            ["__RequestVerificationToken"] = DeskPlatform.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newcomer.PostAsJsonAsync("/api/auth/token", new { email = invitee, password = "my own long passphrase" })).StatusCode);

        await using (var scope = platform.Desk.Services.CreateAsyncScope())
        {
            var member = await scope.ServiceProvider.GetRequiredService<UserManager<StaffMember>>().FindByEmailAsync(invitee);
            Assert.True((await scope.ServiceProvider.GetRequiredService<StaffAccounts>().SetDisabledAsync(member!.Id, true)).Succeeded);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await newcomer.PostAsJsonAsync("/api/auth/token", new { email = invitee, password = "my own long passphrase" })).StatusCode);
    }
}

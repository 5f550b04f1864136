using Microsoft.Extensions.Configuration;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using System.Text;
using SupportPlatform.Notification.Deliveries;
using SupportPlatform.Notification.Deliveries.Sending;
using SupportPlatform.Notification.Smtp;
using SupportPlatform.Notification.Templates;
using SupportPlatform.ServiceDefaults.Rendering;
using Xunit;

namespace SupportPlatform.Notification.Tests;

public sealed class RenderingEmails
{
    private readonly EmailTemplates templates = new();

    public static TheoryData<string, string> EveryTemplate()
    {
        var data = new TheoryData<string, string>();
        foreach (var language in new[] { EmailTemplates.Korean, EmailTemplates.English })
        {
            foreach (var name in new[] { TemplateNames.Receipt, TemplateNames.Reply, TemplateNames.NewInquiryAlert, TemplateNames.FollowUpAlert, TemplateNames.Survey, TemplateNames.SlaWarning })
            {
                data.Add(language, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryTemplate))]
    public void Every_template_renders_from_its_model_with_no_placeholder_left(string language, string name)
    {
        var inquiryId = Guid.NewGuid();
        object model = name switch
        {
            TemplateNames.Receipt => new ReceiptModel("요약", "회사", "https://l/inquiries/1?token=t", "2026-01-05 18:30 KST"),
            TemplateNames.Reply => new ReplyModel("요약", "상담원", new HtmlFragment(SafeMarkdown.ToHtml("답변", MarkdownProfile.Email), "답변"), "https://l/inquiries/1?token=t", "2026-01-05 18:30 KST"),
            TemplateNames.NewInquiryAlert => new NewInquiryAlertModel(inquiryId, $"https://desk.test/inquiries/{inquiryId}", "2026-01-05 18:30 KST"),
            TemplateNames.Survey => new SurveyModel("요약", "https://l/inquiries/1/satisfaction?token=t"),
            TemplateNames.SlaWarning => new SlaWarningModel(inquiryId, "첫 응답 목표 시간의 80%가 지났습니다", "2026-01-05 18:30 KST", $"https://desk.test/inquiries/{inquiryId}"),
            _ => new FollowUpAlertModel(inquiryId, $"https://desk.test/inquiries/{inquiryId}", "2026-01-05 18:30 KST"),
        };

        var email = templates.Render(name, language, model);

        Assert.All(new[] { email.Subject, email.HtmlBody, email.TextBody }, part => Assert.DoesNotContain("{{", part, StringComparison.Ordinal));
        Assert.DoesNotContain('\n', email.Subject);
        if (name is TemplateNames.NewInquiryAlert or TemplateNames.FollowUpAlert or TemplateNames.SlaWarning)
        {
            // Staff alerts sit in the team's mailbox, which erasure cannot reach: the inquiry number and a desk link only.
            Assert.Contains(inquiryId.ToString(), email.Subject, StringComparison.Ordinal);
            Assert.All(new[] { email.HtmlBody, email.TextBody }, part => Assert.Contains($"https://desk.test/inquiries/{inquiryId}", part, StringComparison.Ordinal));
        }
        else
        {
            Assert.Contains("요약", email.Subject, StringComparison.Ordinal);
            Assert.All(new[] { email.HtmlBody, email.TextBody }, part => Assert.Contains("요약", part, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(typeof(NewInquiryAlertModel))]
    [InlineData(typeof(FollowUpAlertModel))]
    [InlineData(typeof(SlaWarningModel))]
    public void A_staff_alert_has_no_place_for_personal_data(Type model)
    {
        // What a template can show is what its model holds: the number, the desk link, a time and our own
        // headline (which SLA target, composed from names, never from text), nothing the customer wrote.
        var fields = model.GetProperties().Select(p => p.Name).Order().ToArray();

        Assert.Subset(new HashSet<string> { "InquiryId", "DeskLink", "SubmittedAt", "FollowedUpAt", "DueAt", "Headline" }, fields.ToHashSet());
    }

    [Fact]
    public void HTML_templates_encode_values_and_text_templates_keep_them()
    {
        var model = new { Name = "<b>김 & 이</b>" };

        Assert.Equal("<p>&lt;b&gt;김 &amp; 이&lt;/b&gt;</p>", TemplateRenderer.Render("<p>{{Name}}</p>", model, TemplateFormat.Html));
        Assert.Equal("이름: <b>김 & 이</b>", TemplateRenderer.Render("이름: {{ Name }}", model, TemplateFormat.Text));
    }

    [Fact]
    public void A_subject_stays_one_line_whatever_the_value_holds()
    {
        var subject = TemplateRenderer.Render("[접수] {{Summary}}", new { Summary = "첫 줄\r\nBcc: victim@example.com" }, TemplateFormat.Subject);

        Assert.Equal("[접수] 첫 줄 Bcc: victim@example.com", subject);
    }

    [Fact]
    public void Decomposed_Hangul_is_normalised_to_syllables()
    {
        var decomposed = "문의".Normalize(NormalizationForm.FormD);

        Assert.Equal("문의", TemplateRenderer.Render("{{Summary}}", new { Summary = decomposed }, TemplateFormat.Text));
    }

    [Fact]
    public void A_placeholder_the_model_lacks_fails_loudly()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TemplateRenderer.Render("{{Sumary}}", new ReceiptModel("a", "b", "c", "d"), TemplateFormat.Text));

        Assert.Contains("Sumary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reply_Markdown_becomes_HTML_without_raw_HTML_scripts_or_remote_images()
    {
        var html = SafeMarkdown.ToHtml("**굵게** <img src=x onerror=alert(1)> [a](javascript:alert(1)) [b](https://ok.test/) ![c](https://tracker.test/p.gif) <mailto:help@vendor.test>", MarkdownProfile.Email);

        Assert.Contains("<strong>굵게</strong>", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://ok.test/\"", html);
        Assert.Contains("href=\"https://tracker.test/p.gif\"", html);
        Assert.Contains("href=\"mailto:help@vendor.test\"", html);
    }

    [Theory]
    [InlineData("ko", "ko")]
    [InlineData("en", "en")]
    [InlineData("en-US", "en")]
    [InlineData("EN", "en")]
    [InlineData("ja", "ko")]
    [InlineData(null, "ko")]
    public void The_language_picks_the_template_set_and_Korean_is_the_fallback(string? tag, string expected) =>
        Assert.Equal(expected, EmailTemplates.LanguageOf(tag));

    [Fact]
    public void The_private_link_escapes_the_token()
    {
        var id = Guid.Parse("0b7c1a52-0000-4000-8000-000000000001");

        Assert.Equal(
            "https://lounge.test/inquiries/0b7c1a52-0000-4000-8000-000000000001?token=a%2Bb%2Fc%3D",
            EmailFormatting.InquiryLink("https://lounge.test/", id, "a+b/c="));
    }
}

public sealed class DeliveryRules
{
    [Fact]
    public void The_log_names_a_recipient_by_a_keyed_hash_that_ignores_case_and_spaces()
    {
        var hash = HashWithKey(Testing.TestServers.SigningKey);
        Assert.Equal(hash.Of("Hong.Gildong@Customer.test "), hash.Of("hong.gildong@customer.test"));
        Assert.Equal(64, hash.Of("a@x.test").Length);
        Assert.NotEqual(hash.Of("a@x.test"), HashWithKey(new string('k', 40)).Of("a@x.test"));
        Assert.Equal("550 <recipient> unknown", RecipientHash.Scrub("550 Kim@X.test unknown", "kim@x.test"));
    }

    private static RecipientHash HashWithKey(string signingKey) =>
        new(new ConfigurationBuilder().AddInMemoryCollection([new("Auth:SigningKey", signingKey)]).Build());

    [Fact]
    public void Rotating_the_signing_key_leaves_the_stored_recipient_hashes_valid()
    {
        const string oldSigningKey = "the-signing-key-of-an-existing-deployment";
        const string newSigningKey = "the-signing-key-after-the-rollover-0123";
        var stored = HashWith(("Auth:SigningKey", oldSigningKey)).Of("kim@customer.test");

        // During the rollover the old key is still accepted, and the hash still follows it.
        Assert.Equal(stored, HashWith(
            ("Auth:SigningKey", newSigningKey), ("Auth:SigningKeyId", "2027-01"), ("Auth:AcceptedSigningKeys:initial", oldSigningKey)).Of("kim@customer.test"));
        // Once it is gone, the service refuses to hash differently without a word.
        var unpinned = Assert.Throws<InvalidOperationException>(() => HashWith(("Auth:SigningKey", newSigningKey), ("Auth:SigningKeyId", "2027-01")));
        Assert.Contains("Keys:RecipientHash", unpinned.Message, StringComparison.Ordinal);
        // Pinned as the runbook says (openssl dgst -sha256 -mac HMAC of the purpose under the old key), it hashes as before.
        var pinned = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(oldSigningKey), System.Text.Encoding.UTF8.GetBytes(RecipientHash.Purpose)));
        Assert.Equal(stored, HashWith(("Auth:SigningKey", newSigningKey), ("Auth:SigningKeyId", "2027-01"), ("Keys:RecipientHash", pinned)).Of("kim@customer.test"));
    }

    [Fact]
    public void A_new_deployment_derives_the_recipient_hash_key_from_the_root_and_a_key_of_its_own_wins()
    {
        var root = Convert.ToBase64String(new byte[32]);
        var otherRoot = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray());
        var fromRoot = HashWith(("Auth:SigningKey", Testing.TestServers.SigningKey), ("Keys:Root", root)).Of("kim@customer.test");

        Assert.Equal(fromRoot, HashWith(("Auth:SigningKey", new string('s', 40)), ("Keys:Root", root)).Of("kim@customer.test"));
        Assert.NotEqual(fromRoot, HashWith(("Auth:SigningKey", Testing.TestServers.SigningKey), ("Keys:Root", otherRoot)).Of("kim@customer.test"));
        Assert.NotEqual(fromRoot, HashWithKey(Testing.TestServers.SigningKey).Of("kim@customer.test"));
        Assert.Equal(
            HashWith(("Auth:SigningKey", Testing.TestServers.SigningKey), ("Keys:RecipientHash", otherRoot)).Of("kim@customer.test"),
            HashWith(("Auth:SigningKey", Testing.TestServers.SigningKey), ("Keys:Root", root), ("Keys:RecipientHash", otherRoot)).Of("kim@customer.test"));
    }

    private static RecipientHash HashWith(params (string Key, string Value)[] settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(60, 30)]
    public void Retries_back_off_exponentially_up_to_the_cap(int failedAttempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetrySchedule.After(failedAttempts, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)));

    [Theory]
    [InlineData(SmtpStatusCode.ServiceNotAvailable, true)]
    [InlineData(SmtpStatusCode.MailboxBusy, true)]
    [InlineData(SmtpStatusCode.ErrorInProcessing, true)]
    [InlineData(SmtpStatusCode.InsufficientStorage, true)]
    [InlineData(SmtpStatusCode.MailboxUnavailable, false)]
    [InlineData(SmtpStatusCode.TransactionFailed, false)]
    [InlineData(SmtpStatusCode.SyntaxError, false)]
    public void SMTP_4xx_are_transient_and_5xx_permanent(SmtpStatusCode code, bool transient) =>
        Assert.Equal(transient, SmtpFailure.IsTransient(new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, code, "refused")));

    [Fact]
    public void Network_errors_and_dropped_sessions_are_transient_and_bad_addresses_permanent()
    {
        Assert.True(SmtpFailure.IsTransient(new SocketException((int)SocketError.ConnectionRefused)));
        Assert.True(SmtpFailure.IsTransient(new IOException("reset")));
        Assert.True(SmtpFailure.IsTransient(new SmtpProtocolException("the server hung up")));
        Assert.True(SmtpFailure.IsTransient(new ServiceNotConnectedException()));
        Assert.True(SmtpFailure.IsTransient(new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxBusy, "try later")));
        Assert.False(SmtpFailure.IsTransient(new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, "no such user")));
        Assert.False(SmtpFailure.IsTransient(new FormatException("bad address")));
    }
}

using Polly;
using SupportPlatform.Agent.Contracts;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Notification.Emails.Linking;
using SupportPlatform.Notification.Deliveries;
using SupportPlatform.Notification.Deliveries.Listing;
using SupportPlatform.Notification.Deliveries.Purging;
using SupportPlatform.Notification.Deliveries.Sending;
using SupportPlatform.Notification.Emails.Alerting;
using SupportPlatform.Notification.Emails.Receipting;
using SupportPlatform.Notification.Emails.Reminding;
using SupportPlatform.Notification.Emails.Replying;
using SupportPlatform.Notification.Emails.Surveying;
using SupportPlatform.Notification.Emails.Warning;
using SupportPlatform.Notification.Inbound;
using SupportPlatform.Notification.Inbound.Answering;
using SupportPlatform.Notification.Inbound.Reading;
using SupportPlatform.Notification.Smtp;
using SupportPlatform.Notification.Templates;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.ServiceDefaults.Consuming;

namespace SupportPlatform.Notification;

public static class NotificationModule
{
    public const string ServiceName = "notification";

    public static IHostApplicationBuilder AddNotification(this IHostApplicationBuilder builder)
    {
        InboundMail.RegisterEncodings();
        builder.Services.AddOptions<NotificationOptions>()
            .BindConfiguration(NotificationOptions.Section)
            .PostConfigure<IConfiguration>((options, configuration) =>
            {
                if (configuration["services:lounge:http:0"] is { Length: > 0 } lounge)
                {
                    options.LoungeBaseUrl = lounge;
                }

                // The desk's address inside the platform only when none is set: staff follow the link from their mail client.
                if (configuration["Notification:DeskBaseUrl"] is null
                    && (configuration["services:agent:https:0"] ?? configuration["services:agent:http:0"]) is { Length: > 0 } desk)
                {
                    options.DeskBaseUrl = desk;
                }
            })
            .Validate(o => System.Net.Mail.MailAddress.TryCreate(o.SupportTeamAddress, out _), "Notification:SupportTeamAddress must be an email address.")
            .Validate(o => Uri.TryCreate(o.LoungeBaseUrl, UriKind.Absolute, out _), "The Lounge base URL (services__lounge__http__0) must be an absolute URL.")
            .Validate(o => Uri.TryCreate(o.DeskBaseUrl, UriKind.Absolute, out _), "Notification:DeskBaseUrl (or services__agent__http__0) must be an absolute URL.")
            .ValidateOnStart();
        builder.Services.AddOptions<MailboxOptions>()
            .BindConfiguration(MailboxOptions.Section)
            .Validate(o => o.Address is null || System.Net.Mail.MailAddress.TryCreate(o.Address, out _), "Mailbox:Address must be an email address.")
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.MaxMessageBytes > 0 && o.MaxPerSenderPerHour > 0, "Mailbox:PollInterval, Mailbox:MaxMessageBytes and Mailbox:MaxPerSenderPerHour must be positive.")
            .ValidateOnStart();
        builder.Services.AddOptions<SmtpOptions>()
            .BindConfiguration(SmtpOptions.Section)
            .Validate(o => System.Net.Mail.MailAddress.TryCreate(o.From, out _), "Smtp:From must be an email address, optionally with a display name.")
            .ValidateOnStart();

        // Registered before messaging, so the schema exists before the first message is consumed.
        builder.Services.AddHostedService<NotificationSchemaInitializer>();
        builder.Services.AddSingleton<EmailTemplates>();
        builder.Services.AddSingleton<IEmailSender, SmtpEmailSender>();
        builder.Services.AddSingleton<DeliveryStore>();
        builder.Services.AddSingleton<RecipientHash>();
        builder.Services.AddResiliencePipeline(DeliveryDispatcher.RecordingSent, DeliveryDispatcher.ConfigureRecordingSent);
        builder.Services.AddSingleton<DeliveryDispatcher>();
        builder.Services.AddHttpClient<InternalInquiryApi>(http => http.BaseAddress = new Uri(builder.Configuration["InquiryApi:BaseAddress"] ?? "https+http://inquiry")).AsService();
        builder.Services.AddHttpClient<InternalStaffApi>(http => http.BaseAddress = new Uri(builder.Configuration["AgentApi:BaseAddress"] ?? "https+http://agent")).AsService();
        builder.Services
            .AddEmailComposer<NewInquiryEmails, InquirySubmitted>()
            .AddEmailComposer<ReplyEmails, InquiryAnswered>()
            .AddEmailComposer<FollowUpAlerts, CustomerFollowedUp>()
            .AddEmailComposer<InquiryLinksEmails, InquiryLinksRequested>()
            .AddEmailComposer<ReminderEmails, CustomerReminded>()
            .AddEmailComposer<SurveyEmails, SatisfactionSurveyRequested>()
            .AddEmailComposer<SlaWarningEmails, SlaWarningRaised>();
        builder.Services.AddHostedService<DeliveryRetryWorker>();
        builder.Services.AddSingleton<MailboxCursors>();
        builder.Services.AddSingleton<MessageKeys>();
        builder.Services.AddSingleton<MailboxAnswers>();
        builder.Services.AddSingleton<SenderLimit>();
        builder.Services.AddTransient<InboundMailHandler>();
        builder.Services.AddHostedService<MailboxReader>();
        builder.Services.AddOpenApi();

        builder.AddMessaging(ServiceName, bus =>
        {
            bus.AddRetryingConsumer<InquirySubmittedConsumer>();
            bus.AddRetryingConsumer<InquiryAnsweredConsumer>();
            bus.AddRetryingConsumer<CustomerFollowedUpConsumer>();
            bus.AddRetryingConsumer<InquiryPurgedConsumer>();
            bus.AddRetryingConsumer<InquiryLinksRequestedConsumer>();
            bus.AddRetryingConsumer<CustomerRemindedConsumer>();
            bus.AddRetryingConsumer<SatisfactionSurveyRequestedConsumer>();
            bus.AddRetryingConsumer<SlaWarningRaisedConsumer>();
        });
        return builder;
    }

    public static WebApplication MapNotificationApi(this WebApplication app)
    {
        app.MapListDeliveries();
        return app;
    }
}

using MassTransit;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SupportPlatform.Agent.AccessRecords.Inspecting;
using SupportPlatform.Agent.AccessRecords.Purging;
using SupportPlatform.Agent.AccessRecords.Recording;
using SupportPlatform.Agent.AccessRecords.RecordingApiReads;
using SupportPlatform.Agent.AccessRecords.Verifying;
using SupportPlatform.Agent.Auditing;
using SupportPlatform.Agent.Backends;
using SupportPlatform.Agent.Http;
using SupportPlatform.Agent.Live;
using SupportPlatform.Agent.Live.Following;
using SupportPlatform.Agent.Live.Streaming;
using SupportPlatform.Agent.Live.Watching;
using SupportPlatform.Agent.SavedReplies.Searching;
using SupportPlatform.Agent.SavedReplies.Storing;
using SupportPlatform.Agent.Staff;
using SupportPlatform.Agent.Staff.ServingOtherServices;
using SupportPlatform.Agent.Staff.Seeding;
using SupportPlatform.Agent.Staff.SigningIn;
using SupportPlatform.Agent.SubjectRequests;
using SupportPlatform.Agent.Tokens;
using SupportPlatform.Agent.Tokens.Issuing;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.ServiceDefaults.Consuming;

namespace SupportPlatform.Agent;

/// <summary>The desk's composition root: staff accounts, tokens, the clients of the other services, the pages.</summary>
public static class AgentModule
{
    public const string CookieName = "sp_desk";

    public static WebApplicationBuilder AddAgentDesk(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        // The data source of ServiceDefaults (Aspire.Npgsql: ConnectionStrings:postgres, health check, tracing).
        services.AddDbContextFactory<StaffDbContext>((sp, options) => options.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddHostedService<AgentSchemaInitializer>();

        services.AddIdentity<StaffMember, IdentityRole<Guid>>(options =>
            {
                // Length over composition rules (NIST SP 800-63B): a long passphrase beats "Passw0rd!".
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = configuration.GetValue("Staff:MaxFailedAccessAttempts", 5);
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(configuration.GetValue("Staff:LockoutMinutes", 15));
                options.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<StaffDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>();
        // Revocation (sign-out, disabling) is checked on every request by DeskCookieEvents; this
        // interval only says how often a cookie's roles and name are refreshed from the database.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = SecurePolicy(builder.Environment);
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.Events = DeskCookieEvents.Create();
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = CookieName + "_csrf";
            options.Cookie.SecurePolicy = SecurePolicy(builder.Environment);
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddStaffPolicies();
        // Service tokens, for the /internal API only: pages keep the cookie as their scheme.
        services.AddStaffTokenValidation();

        services.AddOptions<Tokens.TokenOptions>().Bind(configuration.GetSection("Auth"))
            .Validate(o => o.TokenLifetime > TimeSpan.Zero && o.TokenLifetime <= TimeSpan.FromHours(12), "Auth:TokenLifetime must be within (0, 12h].")
            .ValidateOnStart();
        services.AddSingleton<MemberTokens>();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<StaffPasswordCheck>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<SavedReplyStore>();
        services.AddOptions<AccessLogOptions>().Bind(configuration.GetSection("AccessLog"))
            .Validate(o => o.Retention >= TimeSpan.FromDays(365) && o.PurgeInterval > TimeSpan.Zero, "AccessLog:Retention must be at least a year (the safety-measures standard's minimum) and AccessLog:PurgeInterval positive.")
            .ValidateOnStart();
        services.AddSingleton<AccessLog>();
        services.AddSingleton<AccessLogVerifier>();
        services.AddSingleton<AccessLogPurger>();
        services.AddOptions<PatternThresholds>().Bind(configuration.GetSection("AccessLog:Flags"));
        services.AddSingleton<AccessLogQueries>();
        services.AddSingleton<SubjectRequestLog>();
        services.AddHostedService<AccessLogRetentionJob>();
        if (builder.Environment.IsDevelopment())
        {
            services.AddHostedService<DemoAccounts>();
        }

        // The live desk. Every replica binds its own queue, so each hears every event and every
        // presence announcement (fan-out), where the other services' queues compete.
        var liveQueue = $"agent-live-{Guid.NewGuid():N}";
        builder.AddMessaging("agent", bus =>
        {
            bus.AddConsumer<InquiryChangesConsumer>().Endpoint(endpoint => LiveQueue(endpoint, liveQueue));
            bus.AddConsumer<DeskPresenceConsumer>().Endpoint(endpoint => LiveQueue(endpoint, liveQueue));
            // The access log's share of Inquiry's events: one durable queue all replicas compete on.
            bus.AddRetryingConsumer<StaffReadPersonalDataConsumer>();
        });
        services.AddSingleton<DeskSignals>();
        services.AddSingleton<PresenceBoard>();
        services.AddSingleton<StaffNames>();
        services.AddHostedService<PresenceHeartbeat>();

        services.AddHttpContextAccessor();
        services.AddTransient<MemberTokenHandler>();
        AddBackend<InquiryClient>(services, "inquiry");
        AddBackend<KnowledgeClient>(services, "knowledge");
        AddBackend<NotificationClient>(services, "notification");
        // A link a customer follows needs the Lounge's public address, which service discovery
        // (it resolves names only inside HttpClients) cannot give: read the key the AppHost sets.
        services.AddSingleton(new DeskLinks(configuration["services:lounge:http:0"] is { Length: > 0 } lounge ? new Uri(lounge) : null));

        services.AddRazorPages(options =>
        {
            // Any member may open "/": the page sends those who do not answer inquiries to their own start page.
            options.Conventions.AuthorizePage("/Index");
            options.Conventions.AuthorizeFolder("/Inquiries", StaffRoles.Agent);
            options.Conventions.AuthorizeFolder("/Articles", StaffRoles.Agent);
            options.Conventions.AuthorizeFolder("/Replies", StaffRoles.Agent);
            options.Conventions.AuthorizeFolder("/Operations", StaffRoles.Agent);
            options.Conventions.AddPageRoute("/Replies/Edit", "replies/new");
            options.Conventions.AuthorizeFolder("/Compliance", StaffRoles.Compliance);
            options.Conventions.AuthorizeFolder("/Admin", StaffRoles.Admin);
            options.Conventions.AllowAnonymousToFolder("/Account");
            options.Conventions.AllowAnonymousToPage("/Error");
        });
        return builder;
    }

    public static WebApplication UseAgentDesk(this WebApplication app)
    {
        // Pages answer errors with a page; /api and /internal keep the problem details of MapDefaultEndpoints.
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
                && !context.Request.Path.StartsWithSegments("/internal", StringComparison.Ordinal),
            pages => pages.UseExceptionHandler("/error").UseStatusCodePagesWithReExecute("/error/{0}"));
        // ServiceDefaults sets the common headers (nosniff, frame denial, no referrer, no-store); the desk adds its page policy.
        app.UseDeskPagePolicy();
        app.UseStaticFiles();
        // Routing after the error pages, so a re-executed /error/{code} request is routed again.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapIssueToken();
        app.MapInternalStaffApi();
        app.MapSavedReplySearch();
        app.MapLiveEvents();
        app.MapRazorPages();
        return app;
    }

    /// <summary>
    /// Secure cookies everywhere except a local plain-http Development run, which browsers would
    /// refuse them on. Tests serve the desk over HTTPS, so they run the production policy.
    /// </summary>
    private static CookieSecurePolicy SecurePolicy(IHostEnvironment environment) =>
        environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    /// <summary>
    /// <c>https+http://inquiry</c> resolves through ServiceDefaults' service discovery, from the
    /// <c>services__inquiry__https__0</c> or <c>services__inquiry__http__0</c> keys the AppHost sets.
    /// </summary>
    private static void AddBackend<TClient>(IServiceCollection services, string name) where TClient : class =>
        services.AddHttpClient<TClient>(client =>
            {
                client.BaseAddress = new Uri($"https+http://{name}");
                client.Timeout = TimeSpan.FromSeconds(30);
            })
            .AddHttpMessageHandler<MemberTokenHandler>();

    /// <summary>
    /// A replica's own queue, deleted by the broker a minute after its replica stopped using it
    /// (<c>x-expires</c>). Durable: MassTransit declares a non-durable queue that can expire exclusive
    /// to its connection (its temporary endpoints too), and an exclusive queue is one nobody else on
    /// the broker can read, not an operator and not the platform's scan of every queue for personal data.
    /// </summary>
    private static void LiveQueue(IEndpointRegistrationConfigurator endpoint, string name)
    {
        endpoint.Name = name;
        endpoint.AddConfigureEndpointCallback(configurator =>
        {
            if (configurator is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                (rabbit.Durable, rabbit.AutoDelete, rabbit.Exclusive) = (true, false, false);
                rabbit.SetQueueArgument("x-expires", (int)TimeSpan.FromMinutes(1).TotalMilliseconds);
            }
        });
    }
}

/// <summary>Where links the desk writes for customers point (the Lounge's article pages).</summary>
public sealed record DeskLinks(Uri? Lounge)
{
    public string Article(string slug) => Lounge is null
        ? $"/articles/{Uri.EscapeDataString(slug)}"
        : new Uri(Lounge, $"/articles/{Uri.EscapeDataString(slug)}").ToString();

    /// <summary>
    /// The Lounge's 내 문의 page, where customers get their private links by email: a reply points
    /// there, since an inquiry's own link carries its token. Null when the Lounge's address is unknown.
    /// </summary>
    public string? MyInquiries() => Lounge is null ? null : new Uri(Lounge, "/my-inquiries").ToString();
}

using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Http.Resilience;
using SupportPlatform.Lounge.Apis;
using SupportPlatform.Lounge.Limiting;
using SupportPlatform.Lounge.MyInquiries;
using SupportPlatform.Lounge.Recommending;
using SupportPlatform.Lounge.Security;

namespace SupportPlatform.Lounge;

public static class LoungeModule
{
    /// <summary>The site's services, after ServiceDefaults (telemetry, health, time, problem details, resilient HttpClients).</summary>
    public static WebApplicationBuilder AddLounge(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(options =>
        {
            // Every POST of every page needs the antiforgery token (forms carry it, scripts send it back).
            options.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute());
        });
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "lounge-csrf";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        // The site posts inquiries, replies and streamed uploads: a retry after a timed-out attempt
        // could file an inquiry twice, and a stream cannot be sent again. Only reads are retried.
        // A 429 is never retried either: it asks this visitor to wait, and retrying it (after its
        // Retry-After) would hold the page past the client's timeout and spend the bucket faster.
        builder.Services.ConfigureAll<HttpStandardResilienceOptions>(options =>
        {
            options.Retry.DisableForUnsafeHttpMethods();
            var transient = options.Retry.ShouldHandle;
            options.Retry.ShouldHandle = outcome => outcome.Outcome.Result?.StatusCode == System.Net.HttpStatusCode.TooManyRequests
                ? ValueTask.FromResult(false)
                : transient(outcome);
        });
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddTransient<ForwardClientAddress>();
        builder.Services.AddHttpClient<InquiryApi>(http => Configure(http, "inquiry"))
            .AddHttpMessageHandler<ForwardClientAddress>();
        builder.Services.AddHttpClient<KnowledgeApi>(http => Configure(http, "knowledge"))
            .AddHttpMessageHandler<ForwardClientAddress>();
        builder.Services.AddSingleton<MyInquiriesLimiter>();
        builder.Services.AddFairUse();
        return builder;
    }

    /// <summary>After MapDefaultEndpoints: pages answer errors with a page, and carry the page policy.</summary>
    public static WebApplication UseLounge(this WebApplication app)
    {
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseLoungePagePolicy();
        var korean = new CultureInfo("ko-KR");
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(korean),
            SupportedCultures = [korean],
            SupportedUICultures = [korean],
        });
        app.UseStaticFiles();
        app.UseRouting();
        app.UseFairUse();
        return app;
    }

    public static WebApplication MapLounge(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapRecommendations();
        return app;
    }

    /// <summary>
    /// <c>https+http://inquiry</c> resolves through ServiceDefaults' service discovery, from the
    /// <c>services__inquiry__https__0</c> or <c>services__inquiry__http__0</c> keys the AppHost sets.
    /// </summary>
    private static void Configure(HttpClient http, string service)
    {
        http.BaseAddress = new Uri($"https+http://{service}");
        http.Timeout = TimeSpan.FromSeconds(15);
    }
}

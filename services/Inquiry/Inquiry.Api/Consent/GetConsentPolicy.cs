using Microsoft.AspNetCore.Http.HttpResults;

namespace SupportPlatform.Inquiry.Consent;

public static class GetConsentPolicy
{
    public static RouteGroupBuilder MapConsentPolicy(this RouteGroupBuilder api)
    {
        api.MapGet("/consent-policy", Handle)
            .WithName("GetConsentPolicy")
            .WithSummary("The privacy consent the inquiry form must show and the customer must accept.");
        return api;
    }

    private static Ok<ConsentPolicy> Handle() => TypedResults.Ok(ConsentPolicy.Current);
}

using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.Inquiry.Inquiries;
using SupportPlatform.Inquiry.Inquiries.Submitting;
using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.Inquiry.Retention;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry.AccessRequests.Correcting;

public sealed record CorrectionRequest(string? Email, string? Field, string? Value);

/// <summary>
/// <c>POST /api/compliance/corrections</c>: a data subject's correction (정정, PIPA art. 36) of their
/// email, company or phone, on every inquiry of their address, as a sealed
/// <see cref="ContactDetailsCorrected"/> event in each inquiry's stream. Neither address is stored
/// outside the sealed data or logged.
/// </summary>
public static class CorrectContactDetails
{
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(10);

    public static RouteGroupBuilder MapCorrections(this RouteGroupBuilder compliance)
    {
        compliance.MapPost("/corrections", Handle)
            .WithName("CorrectContactDetails")
            .WithSummary("Corrects the email, company or phone of every inquiry of the address (an event per inquiry); answers { found, corrected }.");
        return compliance;
    }

    private static async Task<Results<Ok<CorrectionResult>, ValidationProblem, ProblemHttpResult>> Handle(
        CorrectionRequest? request, HttpContext http, IDocumentStore store, PersonalDataKeys keys, DataKeyStore dataKeys, InquiryCommands commands,
        ReadModelCatchUp catchUp, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var email = errors.LookupEmail("email", request?.Email);

        var field = request?.Field;
        string? value = null;
        switch (field)
        {
            case ContactFields.Email:
                value = errors.NewEmail("value", request!.Value);

                break;
            case ContactFields.Company:
                value = errors.Text("value", request!.Value, Submit.MaxCompanyName, required: true);
                break;
            case ContactFields.Phone:
                value = errors.Text("value", request!.Value, Submit.MaxPhone, required: true);
                if (value is not null && value.Length <= Submit.MaxPhone && !Submit.PhonePattern().IsMatch(value))
                {
                    errors.Add("value", "Digits, spaces, +, -, ( ) and . only, with at least 6 digits.");
                }

                break;
            default:
                errors.Add("field", $"One of {ContactFields.Email}, {ContactFields.Company}, {ContactFields.Phone}.");
                break;
        }

        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (!await catchUp.WaitAsync(CatchUpTimeout, cancellationToken))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Read model behind",
                detail: "The inquiry index has not caught up with the latest submissions; nothing was corrected. Try again shortly.");
        }

        var ids = await SubjectInquiries.FindAsync(store, keys.LookupKeys.EmailHashes(email!), cancellationToken);
        var newHash = field == ContactFields.Email ? keys.LookupKeys.EmailHash(value!) : null;
        var officer = http.User.Member();
        var corrected = 0;
        foreach (var id in ids)
        {
            if (await dataKeys.FindAsync(id, cancellationToken) is not { } key)
            {
                continue; // purged meanwhile
            }

            var sealedValue = key.Seal(id, value!);
            var outcome = await commands.ExecuteAsync(
                id, Expect.Current, (state, now) => InquiryDecisions.CorrectContactDetails(state, field!, sealedValue, newHash, officer, now), cancellationToken,
                alongside: newHash is null ? null : session => dataKeys.NoteLookupHashAdded(session, id));
            corrected += outcome is CommandOutcome.Accepted ? 1 : 0;
        }

        return TypedResults.Ok(new CorrectionResult(ids.Count, corrected));
    }
}

using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using SupportPlatform.Agent.Contracts;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Agent.Staff.ServingOtherServices;

/// <summary>
/// <c>/internal</c>: what the platform's other services need of a staff account, read when they use
/// it (events carry staff ids only; see <see cref="InternalStaffApi"/>). For service tokens only,
/// checked by the JWT scheme rather than the desk's sign-in cookie. A disabled member is a 404 like
/// an unknown one: nobody should be written to at that address.
/// </summary>
public static class InternalStaffEndpoints
{
    public static IEndpointRouteBuilder MapInternalStaffApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/internal")
            .RequireAuthorization(new AuthorizeAttribute(StaffRoles.Service) { AuthenticationSchemes = JwtBearerDefaults.AuthenticationScheme })
            .WithTags("Internal")
            .MapGet("/staff/{id:guid}", GetAddress)
            .WithName("GetStaffAddress")
            .WithSummary("The email address of an active staff member, for the emails sent to them (SLA warnings).");
        return routes;
    }

    private static async Task<Results<Ok<StaffAddress>, ProblemHttpResult>> GetAddress(Guid id, UserManager<StaffMember> users) =>
        await users.FindByIdAsync(id.ToString()) is { IsDisabled: false, Email: { Length: > 0 } email }
            ? TypedResults.Ok(new StaffAddress(id, email))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such staff member", detail: "No active staff member has this id.");
}

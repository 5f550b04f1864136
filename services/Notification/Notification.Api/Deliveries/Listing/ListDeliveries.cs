using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Notification.Contracts;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Notification.Deliveries.Listing;

public static class ListDeliveries
{
    public static RouteHandlerBuilder MapListDeliveries(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/notifications", HandleAsync)
            .RequireAuthorization(StaffRoles.Agent)
            .WithName("ListDeliveries")
            .WithSummary("Delivery status of every email about one inquiry")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<Results<Ok<DeliveryLog>, ValidationProblem>> HandleAsync(
        string? inquiryId, DeliveryStore store, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(inquiryId, out var id) || id == Guid.Empty)
        {
            return FieldErrors.Problem("inquiryId", "inquiryId is required and must be a GUID.");
        }

        var records = await store.ListByInquiryAsync(id, cancellationToken);
        return TypedResults.Ok(new DeliveryLog(id, records.Select(ToView).ToList()));
    }

    private static DeliveryStatusView ToView(DeliveryRecord record) => new(
        record.Id,
        record.Kind.ToName(),
        record.RecipientHash,
        record.Status.ToName(),
        record.Attempts,
        record.CreatedAt,
        record.SentAt,
        record.FailedAt,
        record.LastError);
}

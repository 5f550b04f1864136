using SupportPlatform.Inquiry.Consent;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.Tests.Domain;

internal static class Samples
{
    public static readonly Guid InquiryId = Guid.Parse("0194a0c2-0000-7000-8000-000000000001");
    public static readonly DateTimeOffset SubmittedAt = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    public static readonly StaffMember Agent = new(Guid.Parse("0194a0c2-0000-7000-8000-0000000000a1"), "이지은");
    public static readonly StaffMember OtherAgent = new(Guid.Parse("0194a0c2-0000-7000-8000-0000000000a2"), "박서준");
    public static readonly Sealed Text = new("c2VhbGVk");

    public static SubmitInquiry Submission(bool accepted = true, string? version = "2024-01") => new(
        InquiryId, accepted, version, Text, "hash", Text, null, Text, Text, "token-hash", "ko", null, []);

    public static ConsentGiven Consented => new(
        InquiryId, ConsentPolicy.Current.Version, ConsentPolicy.Current.Items, ConsentPolicy.Current.Purpose, "P3Y", SubmittedAt);

    public static InquirySubmitted Submitted => new(
        InquiryId, Text, "hash", Text, null, Text, Text, "token-hash", "ko", null, [], SubmittedAt);

    public static DateTimeOffset Later(int hours) => SubmittedAt.AddHours(hours);
}

using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Agent.Auditing;
using SupportPlatform.Agent.Http;
using SupportPlatform.Agent.Staff;

namespace SupportPlatform.Agent.Pages.Admin;

/// <summary>Inviting staff (they choose their own password through a single-use link) and disabling them.</summary>
public sealed class StaffModel(StaffAccounts accounts, UserManager<StaffMember> users, AuditLog audit, TimeProvider time) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public List<string> Roles { get; set; } = [];

    [BindProperty]
    public Guid MemberId { get; set; }

    public IReadOnlyList<(StaffMember Member, IReadOnlyList<string> Roles)> Members { get; private set; } = [];

    public string? InviteLink { get; private set; }

    public string? Done { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task OnGetAsync(CancellationToken cancellationToken) => Members = await accounts.ListAsync(cancellationToken);

    public async Task OnPostInviteAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Email) || !MailAddress.TryCreate(Email.Trim(), out _) || string.IsNullOrWhiteSpace(Name) || Name.Length > 100)
        {
            Errors = ["이메일과 이름(100자 이하)을 입력하세요. (Email and a name of at most 100 characters are required.)"];
        }
        else
        {
            var (result, token) = await accounts.InviteAsync(Email.Trim(), Name.Trim(), Roles);
            Errors = result.Errors;
            if (result.Member is { } member && token is not null)
            {
                InviteLink = $"{Request.Scheme}://{Request.Host}/account/set-password?member={member.Id}&token={Uri.EscapeDataString(token)}";
                Done = "초대했습니다. 아래 링크를 본인에게만 전달하세요. (Invited: send this link to them only.)";
                await audit.RecordAsync(User.StaffId(), "staff.invite", subject: member.Id.ToString(), cancellationToken: cancellationToken);
                Email = Name = null;
                Roles = [];
                ModelState.Clear();
            }
        }

        Members = await accounts.ListAsync(cancellationToken);
    }

    public Task OnPostDisableAsync(CancellationToken cancellationToken) => SetDisabledAsync(true, cancellationToken);

    public Task OnPostEnableAsync(CancellationToken cancellationToken) => SetDisabledAsync(false, cancellationToken);

    public async Task OnPostUnlockAsync(CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(MemberId.ToString()) is { } member)
        {
            await users.SetLockoutEndDateAsync(member, null);
            await users.ResetAccessFailedCountAsync(member);
            await audit.RecordAsync(User.StaffId(), "staff.unlock", subject: MemberId.ToString(), cancellationToken: cancellationToken);
            Done = "잠금을 해제했습니다. (Unlocked.)";
        }

        Members = await accounts.ListAsync(cancellationToken);
    }

    private async Task SetDisabledAsync(bool disabled, CancellationToken cancellationToken)
    {
        if (MemberId == User.StaffId())
        {
            Errors = ["자기 계정은 비활성화할 수 없습니다. (You cannot disable yourself.)"];
        }
        else
        {
            var result = await accounts.SetDisabledAsync(MemberId, disabled);
            Errors = result.Errors;
            if (result.Succeeded)
            {
                await audit.RecordAsync(User.StaffId(), disabled ? "staff.disable" : "staff.enable", subject: MemberId.ToString(), cancellationToken: cancellationToken);
                Done = disabled ? "비활성화했습니다. (Disabled.)" : "다시 활성화했습니다. (Enabled.)";
            }
        }

        Members = await accounts.ListAsync(cancellationToken);
    }
}

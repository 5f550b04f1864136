using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Agent.Staff;

/// <summary>What went wrong creating or changing an account, in words an admin can act on.</summary>
public sealed record AccountResult(StaffMember? Member, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static AccountResult Failed(params string[] errors) => new(null, errors);

    public static AccountResult From(StaffMember member, IdentityResult result) =>
        new(result.Succeeded ? member : null, [.. result.Errors.Select(e => e.Description)]);
}

/// <summary>Creating, inviting, disabling and listing staff: the one place that changes accounts.</summary>
public sealed class StaffAccounts(UserManager<StaffMember> users, RoleManager<IdentityRole<Guid>> roles, TimeProvider time)
{
    public static readonly IReadOnlyList<string> AllRoles = [StaffRoles.Agent, StaffRoles.Compliance, StaffRoles.Admin];

    public async Task EnsureRolesAsync()
    {
        foreach (var role in AllRoles)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
            }
        }
    }

    /// <summary>Creates the account with a password (the first admin, demo accounts), or sets the password when it exists.</summary>
    public async Task<AccountResult> CreateOrResetAsync(string email, string displayName, string password, IReadOnlyCollection<string> memberRoles)
    {
        await EnsureRolesAsync();
        var member = await users.FindByEmailAsync(email);
        if (member is null)
        {
            return await CreateAsync(email, displayName, memberRoles, password);
        }

        var token = await users.GeneratePasswordResetTokenAsync(member);
        var reset = await users.ResetPasswordAsync(member, token, password);
        if (!reset.Succeeded)
        {
            return AccountResult.From(member, reset);
        }

        var missing = memberRoles.Except(await users.GetRolesAsync(member)).ToArray();
        member.IsDisabled = false;
        await users.UpdateAsync(member);
        return AccountResult.From(member, missing.Length > 0 ? await users.AddToRolesAsync(member, missing) : IdentityResult.Success);
    }

    /// <summary>
    /// An invitation: the account exists without a password, and the returned token lets the
    /// invited member choose one on the set-password page (Identity's reset token: single use, expiring).
    /// </summary>
    public async Task<(AccountResult Result, string? SetPasswordToken)> InviteAsync(string email, string displayName, IReadOnlyCollection<string> memberRoles)
    {
        await EnsureRolesAsync();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return (AccountResult.Failed("이미 등록된 이메일입니다. (This email already has an account.)"), null);
        }

        var result = await CreateAsync(email, displayName, memberRoles, password: null);
        return result.Member is { } member
            ? (result, await users.GeneratePasswordResetTokenAsync(member))
            : (result, null);
    }

    public async Task<AccountResult> SetPasswordAsync(Guid memberId, string token, string password)
    {
        if (await users.FindByIdAsync(memberId.ToString()) is not { IsDisabled: false } member)
        {
            return AccountResult.Failed("초대 링크가 유효하지 않습니다. (The invitation link is not valid.)");
        }

        var result = await users.ResetPasswordAsync(member, token, password);
        if (result.Succeeded)
        {
            member.EmailConfirmed = true;
            await users.UpdateAsync(member);
        }

        return AccountResult.From(member, result);
    }

    /// <summary>Disabling also changes the security stamp, so the member's open desk sessions end.</summary>
    public async Task<AccountResult> SetDisabledAsync(Guid memberId, bool disabled)
    {
        if (await users.FindByIdAsync(memberId.ToString()) is not { } member)
        {
            return AccountResult.Failed("No such member.");
        }

        member.IsDisabled = disabled;
        var result = await users.UpdateAsync(member);
        if (result.Succeeded)
        {
            result = await users.UpdateSecurityStampAsync(member);
        }

        return AccountResult.From(member, result);
    }

    public async Task<IReadOnlyList<(StaffMember Member, IReadOnlyList<string> Roles)>> ListAsync(CancellationToken cancellationToken)
    {
        var members = await users.Users.AsNoTracking().OrderBy(m => m.DisplayName).ThenBy(m => m.Email).ToListAsync(cancellationToken);
        var listed = new List<(StaffMember, IReadOnlyList<string>)>(members.Count);
        foreach (var member in members)
        {
            listed.Add((member, [.. await users.GetRolesAsync(member)]));
        }

        return listed;
    }

    /// <summary>Active members who answer inquiries: the people an inquiry can be assigned to.</summary>
    public async Task<IReadOnlyList<StaffMember>> AssignableAsync()
    {
        var agents = await users.GetUsersInRoleAsync(StaffRoles.Agent);
        var admins = await users.GetUsersInRoleAsync(StaffRoles.Admin);
        return [.. agents.Concat(admins).Where(m => !m.IsDisabled).DistinctBy(m => m.Id).OrderBy(m => m.DisplayName)];
    }

    private async Task<AccountResult> CreateAsync(string email, string displayName, IReadOnlyCollection<string> memberRoles, string? password)
    {
        var unknown = memberRoles.Except(AllRoles).ToArray();
        if (unknown.Length > 0 || memberRoles.Count == 0)
        {
            return AccountResult.Failed($"역할을 하나 이상 고르세요: {string.Join(", ", AllRoles)}. (Choose at least one role.)");
        }

        var member = new StaffMember
        {
            Id = Guid.CreateVersion7(),
            UserName = email.Trim(),
            Email = email.Trim(),
            DisplayName = displayName.Trim(),
            CreatedAt = time.GetUtcNow(),
            LockoutEnabled = true,
        };
        var created = password is null ? await users.CreateAsync(member) : await users.CreateAsync(member, password);
        if (!created.Succeeded)
        {
            return AccountResult.From(member, created);
        }

        return AccountResult.From(member, await users.AddToRolesAsync(member, memberRoles));
    }
}

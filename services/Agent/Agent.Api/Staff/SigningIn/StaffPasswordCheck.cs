using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace SupportPlatform.Agent.Staff.SigningIn;

public enum PasswordCheckOutcome
{
    Succeeded,
    Refused,
    LockedOut,
    Throttled,
}

public sealed record PasswordCheck(PasswordCheckOutcome Outcome, StaffMember? Member = null, TimeSpan? RetryAfter = null);

/// <summary>
/// The one password check behind the login form and <c>POST /api/auth/token</c>. It must not tell
/// who has an account (issue 20, finding 6): an unknown or disabled address costs the same password
/// hash as a wrong password (a placeholder hash is verified), and every attempt counts against the
/// address and the client (<see cref="SignInThrottle"/>), known or not.
/// </summary>
public sealed class StaffPasswordCheck(UserManager<StaffMember> users, SignInManager<StaffMember> signIn, SignInThrottle throttle)
{
    /// <summary>A hash of a random password no one knows, made once with the same hasher settings as real ones.</summary>
    private static readonly Lazy<string> PlaceholderHash = new(() =>
        new PasswordHasher<StaffMember>().HashPassword(new StaffMember(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

    public async Task<PasswordCheck> CheckAsync(string email, string password, IPAddress? client)
    {
        var address = email.Trim();
        if (throttle.Refuses(address, client) is { } retryAfter)
        {
            return new(PasswordCheckOutcome.Throttled, RetryAfter: retryAfter);
        }

        var member = await users.FindByEmailAsync(address);
        if (member is null || member.IsDisabled)
        {
            users.PasswordHasher.VerifyHashedPassword(member ?? new StaffMember(), PlaceholderHash.Value, password);
            return new(PasswordCheckOutcome.Refused);
        }

        var result = await signIn.CheckPasswordSignInAsync(member, password, lockoutOnFailure: true);
        return new(
            result.IsLockedOut ? PasswordCheckOutcome.LockedOut : result.Succeeded ? PasswordCheckOutcome.Succeeded : PasswordCheckOutcome.Refused,
            member);
    }
}

using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CareerNexus.Tests.Support;

public static class TestTokens
{
    /// <summary>The user's sign-in with an access token that expires soon, signed with the test app's key as the platform signs its own.</summary>
    public static TestUser ShortLived(TestUser user, TimeSpan lifetime)
    {
        var genuine = new JsonWebToken(user.Access);
        var now = DateTime.UtcNow;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "careernexus", Audience = "careernexus-clients", IssuedAt = now, NotBefore = now, Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(TestApp.SigningKey)),
                SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                ["token_type"] = "access", ["jti"] = Guid.NewGuid().ToString("N"), ["user_id"] = genuine.GetPayloadValue<long>("user_id"),
                ["sid"] = genuine.GetPayloadValue<string>("sid"),
            },
        });
        return user with { Access = token };
    }
}

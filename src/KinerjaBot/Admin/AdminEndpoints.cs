using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace KinerjaBot.Admin;

/// <summary>
/// The one door to operator endpoints: <c>/admin</c>, guarded by a bearer key from configuration.
/// Features add their endpoints to the group returned by <see cref="MapAdminGroup"/>.
/// </summary>
public static class AdminEndpoints
{
    public static RouteGroupBuilder MapAdminGroup(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin");
        group.AddEndpointFilter(async (context, next) =>
        {
            var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value;
            if (string.IsNullOrEmpty(options.ApiKey))
            {
                return Results.NotFound();
            }

            if (!HasKey(context.HttpContext.Request, options.ApiKey))
            {
                context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
                return Results.Unauthorized();
            }

            return await next(context);
        });
        return group;
    }

    internal static bool HasKey(HttpRequest request, string expected)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Hashing first makes the comparison constant-time regardless of the presented key's length.
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()));
        var wanted = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(presented, wanted);
    }
}

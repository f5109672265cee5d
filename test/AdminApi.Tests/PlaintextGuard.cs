using BillForU.Domain.Generation;

namespace BillForU.AdminApi.Tests;

/// <summary>Fails any response whose body holds a demo user's plaintext email or phone, whatever the endpoint.</summary>
public sealed class PlaintextGuard(int users) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        for (var userId = 1; userId <= users; userId++)
        {
            if (body.Contains(DemoContacts.EmailFor(userId), StringComparison.OrdinalIgnoreCase)
                || body.Contains(DemoContacts.PhoneFor(userId), StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{request.Method} {request.RequestUri} returned user {userId}'s plaintext contact.");
            }
        }
        return response;
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SupportPlatform.Testing;

/// <summary>
/// A self-signed certificate for 127.0.0.1 and localhost, made once per test run. Services whose
/// cookies are <c>Secure</c> (the desk) are served over HTTPS with it in tests, as in production,
/// and clients trust exactly this certificate.
/// </summary>
public static class TestCertificate
{
    public static X509Certificate2 Localhost { get; } = Create();

    /// <summary>An <see cref="HttpClientHandler"/> callback that accepts this certificate and no other.</summary>
    public static bool IsTrusted(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? chain, System.Net.Security.SslPolicyErrors errors) =>
        certificate?.Thumbprint == Localhost.Thumbprint;

    private static X509Certificate2 Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        // Kestrel needs the private key in a form SslStream can use on every platform: a PKCS#12 round trip.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }
}

import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamLedger

/// `serve.trusted_user_header` and `serve.trusted_proxies`: read, checked, and trusted only
/// from loopback or a listed proxy.
@Suite struct TrustedUserHeaderTests {
    func settings(_ serve: String) throws -> ServeSettings {
        let (config, diagnostics) = LedgerConfig.read(Data("organisation: X\nprocedure: training\nserve:\n\(serve)".utf8))
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        return ServeSettings.read(try #require(config))
    }

    @Test func offByDefaultAndNeverTrustedThen() throws {
        let defaults = try settings("  actor: Reclam <reclam@example.org>\n")
        #expect(defaults.trustedUserHeader == nil && defaults.trustedProxies.isEmpty)
        #expect(!defaults.trustsUserHeader(from: "127.0.0.1"), "off: not even loopback")
    }

    @Test func loopbackAndListedProxiesOnly() throws {
        let set = try settings("  trusted_user_header: X-Remote-User\n  trusted_proxies: [10.0.0.5, 'fd00::5']\n")
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics.map(\.message))")
        #expect(set.trustedUserHeader == "X-Remote-User" && set.trustedProxies == ["10.0.0.5", "fd00::5"])
        for peer in ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1", "10.0.0.5", "::ffff:10.0.0.5", "fd00:0::5"] {
            #expect(set.trustsUserHeader(from: peer), "\(peer) is trusted")
        }
        for peer in ["10.0.0.6", "192.168.1.1", "::2", "fd00::6", "localhost", "", "unknown"] {
            #expect(!set.trustsUserHeader(from: peer), "\(peer) is not trusted")
        }
        #expect(!set.trustsUserHeader(from: nil))
    }

    @Test func badValuesAreFindingsWithTheirLine() throws {
        for (yaml, expected) in [
            ("  trusted_user_header: Cookie\n", "est un en-tête standard"),
            ("  trusted_user_header: X Remote User\n", "doit être un nom d'en-tête"),
            (
                "  trusted_user_header: X-Remote-User\n  trusted_proxies: [10.0.0.5, proxy.example.org]\n",
                "'proxy.example.org' n'est pas une adresse IP"
            ),
        ] {
            let (config, _) = LedgerConfig.read(Data("organisation: X\nprocedure: training\nserve:\n\(yaml)".utf8))
            let read = ServeSettings.read(try #require(config))
            let errors = read.diagnostics.filter { $0.severity == .error }
            #expect(errors.count == 1 && errors[0].message.contains(expected), "\(yaml): \(errors.map(\.message))")
            #expect((errors.first?.line ?? 0) >= 4, "the finding has its line")
        }
        let (config, _) = LedgerConfig.read(Data("organisation: X\nprocedure: training\nserve:\n  trusted_proxies: [10.0.0.5]\n".utf8))
        let alone = ServeSettings.read(try #require(config))
        #expect(alone.diagnostics.map(\.severity) == [.error], "proxies without the header would do nothing")
        #expect(!alone.trustsUserHeader(from: "10.0.0.5"))
    }
}

import Foundation
import ReclamCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `serve.trusted_user_header` and `serve.trusted_proxies`: a reverse proxy that has
/// authenticated a person passes their `users.yml` id in a header, and the staff workspace
/// takes it, from the loopback address or a listed proxy only. Off unless set.
extension ServeSettings {
    /// Headers a proxy could not be trusted to set alone, or that mean something else.
    static let reservedHeaders: Set<String> = [
        "host", "cookie", "authorization", "content-type", "content-length", "transfer-encoding", "connection",
        "x-forwarded-for", "forwarded", "origin", "referer", "user-agent", "accept",
    ]

    static func readTrustedUser(_ section: YAMLNode, into settings: inout ServeSettings, reader: inout NodeReader) {
        let m = Messages(reader.language)
        if let header = reader.text(section, "trusted_user_header") {
            let token = header.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
            if header.isEmpty || !token || header.count > 64 {
                reader.error(.configInvalid, m.format(.serveHeaderName, header), at: section["trusted_user_header"]?.start)
            } else if reservedHeaders.contains(header.lowercased()) {
                reader.error(.configInvalid, m.format(.serveHeaderStandard, header), at: section["trusted_user_header"]?.start)
            } else {
                settings.trustedUserHeader = header
            }
        }
        guard section["trusted_proxies"] != nil else { return }
        guard let proxies = reader.texts(section, "trusted_proxies") else { return }
        for address in proxies {
            if IPAddressText.isValid(address) {
                settings.trustedProxies.append(address)
            } else {
                reader.error(.configInvalid, m.format(.serveProxyAddress, address), at: section["trusted_proxies"]?.start)
            }
        }
        if settings.trustedUserHeader == nil && !settings.trustedProxies.isEmpty {
            reader.error(.configInvalid, m[.serveProxiesAlone], at: section["trusted_proxies"]?.start)
        }
    }

    /// Whether a request from `peer` (the connection's own address, never a forwarded one)
    /// may carry the trusted user header: loopback, or a listed proxy.
    public func trustsUserHeader(from peer: String?) -> Bool {
        guard trustedUserHeader != nil, let peer else { return false }
        return IPAddressText.isLoopback(peer) || trustedProxies.contains { IPAddressText.same($0, peer) }
    }
}

/// IP addresses as text, read with inet_pton.
public enum IPAddressText {
    static func bytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            let raw = withUnsafeBytes(of: &v6) { Array($0) }
            // An IPv4 address mapped into IPv6 (::ffff:127.0.0.1) is that IPv4 address.
            if raw[0..<10].allSatisfy({ $0 == 0 }) && raw[10] == 0xff && raw[11] == 0xff { return Array(raw[12...]) }
            return raw
        }
        return nil
    }

    public static func isValid(_ text: String) -> Bool { bytes(text) != nil }

    public static func isLoopback(_ text: String) -> Bool {
        guard let bytes = bytes(text) else { return false }
        if bytes.count == 4 { return bytes[0] == 127 }
        return bytes == [UInt8](repeating: 0, count: 15) + [1]
    }

    public static func same(_ a: String, _ b: String) -> Bool {
        guard let x = bytes(a), let y = bytes(b) else { return false }
        return x == y
    }
}

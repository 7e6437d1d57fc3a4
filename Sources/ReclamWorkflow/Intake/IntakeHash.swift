import CGMime
import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// SHA-256 through GLib's GChecksum (GMime's own dependency), as lowercase hex.
enum IntakeHash {
    static func sha256(_ data: Data) -> String {
        guard let checksum = g_checksum_new(G_CHECKSUM_SHA256) else { return "" }
        defer { g_checksum_free(checksum) }
        data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return }
            // GChecksum takes a signed length; feed very large inputs in chunks.
            var offset = 0
            while offset < buffer.count {
                let length = min(1 << 30, buffer.count - offset)
                g_checksum_update(checksum, base.advanced(by: offset).assumingMemoryBound(to: guchar.self), gssize(length))
                offset += length
            }
        }
        guard let hex = g_checksum_get_string(checksum) else { return "" }
        return String(cString: hex)
    }

    static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }

    /// A hash of several fields, each one delimited so that no two lists give the same input.
    static func sha256(fields: [String]) -> String {
        sha256(fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "\n"))
    }
}

import Foundation
import ReclamCore
import ReclamLedger

/// The ledger `reclam serve` opens at every request, kept while `reclam.yml`'s bytes stay the
/// same. The file is read and compared at every request, so an edit still shows at the next
/// one; it is parsed again only when it changed. Parsing it at every request was about a sixth
/// of a web submission's CPU once the learner lookup was gone (debug build, perf).
final class LedgerOpener: @unchecked Sendable {
    private let lock = NSLock()
    private var last: (data: Data, ledger: Ledger)?

    /// What `Ledger.open(at:)` gives; its errors when the file is missing, unreadable or invalid.
    func open(at root: URL) throws(ReclamError) -> Ledger {
        let found = root.standardizedFileURL
        guard let data = try? FileSystem.readRegularFile(found.appendingPathComponent(LedgerConfig.fileName)) else {
            return try Ledger.open(at: root)
        }
        if let last = lock.withLock({ self.last }), last.data == data, last.ledger.root == found { return last.ledger }
        let (config, diagnostics) = LedgerConfig.read(data)
        guard let config else { return try Ledger.open(at: root) }
        let ledger = Ledger(root: found, config: config, configDiagnostics: diagnostics)
        lock.withLock { last = (data, ledger) }
        return ledger
    }
}

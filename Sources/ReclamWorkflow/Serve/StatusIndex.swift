import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger

/// Which case file holds which status token, kept by `reclam serve` between requests, so that
/// the status page reads one case file instead of all of them.
///
/// The index maps each `status_token_sha256` of the work tree to its case file. It is brought
/// up to date at a request that finds the repository changed: HEAD, the branch it points to,
/// the git index (every commit, checkout, merge, pull or reset rewrites it) or the `cases/`
/// folder. Bringing it up to date lists the case files and reads only those whose size, mtime
/// or inode changed since the last time. A wrong token never causes it: whatever is asked, the
/// work is bounded by the changes made to the ledger.
///
/// The case a token leads to is read afresh at every request, and its hash checked again
/// against the token, so a case moved at the terminal shows its new stage at the next request
/// and a revoked token (`reclam set ID status_token_sha256=`) opens nothing even before the
/// index notices. A wrong token costs what a right one does: a case file (a decoy's) is read,
/// its hash compared in constant time and its public page made, then dropped.
public final class StatusIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var state: [FileStamp?] = []
    private let watch = LedgerWatch()
    private var files: [String: (stamp: FileStamp, hash: String?)] = [:]
    /// The case paths in LedgerScan's order.
    private var orderedPaths: [String] = []
    private var byHash: [String: String] = [:]
    /// The paths of the files that hold a hash.
    private var hashed = Set<String>()
    private var decoy: String?
    /// Case files read to bring the index up to date, since it was made (for tests).
    public private(set) var filesRead = 0
    /// Times the index was brought up to date (for tests).
    public private(set) var refreshes = 0

    public init() {}

    /// The public view of the case whose hash the token has, or nil.
    public func find(token: String, ledger: Ledger, settings: ServeSettings, asOf: Date) throws(ReclamError) -> PublicStatus? {
        guard let found = try status(token: token, ledger: ledger, settings: settings, asOf: asOf), found.matched else { return nil }
        return found.status
    }

    /// The public view of the token's case (`matched`), or of a decoy when no case has the
    /// token: a caller that renders the page in both cases and then answers 404 for a decoy
    /// spends the same time on a wrong token as on a right one. Nil when no case can be read.
    public func status(token: String, ledger: Ledger, settings: ServeSettings, asOf: Date) throws(ReclamError) -> (
        status: PublicStatus, matched: Bool
    )? {
        let hash = StatusToken.hash(token)
        guard let (path, matched) = try lookup(hash: hash, ledger: ledger) else { return nil }
        guard case .success(let document) = LedgerReader.readDocument(path, in: ledger) else { return nil }
        let item = Case(path: path, document: document)
        let stored = (item.field(StatusToken.field) ?? "").lowercased()
        // Compared even for the decoy, against a value of the same length when absent.
        let equal = StatusToken.equal(stored.count == hash.count ? stored : String(repeating: "-", count: hash.count), hash)
        return (PublicStatus.make(item, ledger: ledger, settings: settings, asOf: asOf), matched && equal)
    }

    /// The path the hash leads to (`matched`), or a decoy's; nil when the ledger has no case.
    func lookup(hash: String, ledger: Ledger) throws(ReclamError) -> (path: String, matched: Bool)? {
        lock.lock()
        defer { lock.unlock() }
        let now = watch.state(ledger)
        if now != state || files.isEmpty {
            try refresh(ledger)
            state = now
        }
        if let path = byHash[hash] { return (path, true) }
        return decoy.map { ($0, false) }
    }

    private func refresh(_ ledger: Ledger) throws(ReclamError) {
        refreshes += 1
        let root = ledger.root.path + "/"
        let update = try watch.catchUp(ledger, from: orderedPaths) { files[$0]?.stamp }
        let hashes = Parallel.map(update.changed) { entry -> String? in
            guard let data = try? FileSystem.readRegularFile(path: root + entry.path, limit: TextFile.maximumSize) else { return nil }
            return Self.storedHash(in: data)
        }
        filesRead += update.changed.count
        if let removed = update.removed, !files.isEmpty {
            // After a commit: the tables changed in place (copying 100 000 entries took most
            // of the catch-up's time), the hashes indexed again from the files that have one.
            for path in removed {
                files[path] = nil
                hashed.remove(path)
            }
            for (entry, hash) in zip(update.changed, hashes) {
                files[entry.path] = (entry.stamp, hash)
                if hash == nil { hashed.remove(entry.path) } else { hashed.insert(entry.path) }
            }
        } else {
            var next: [String: (stamp: FileStamp, hash: String?)] = [:]
            next.reserveCapacity(update.paths.count)
            for path in update.paths { next[path] = files[path] }
            for (entry, hash) in zip(update.changed, hashes) { next[entry.path] = (entry.stamp, hash) }
            files = next
            hashed = Set(update.paths.filter { next[$0]?.hash != nil })
        }
        var index: [String: String] = [:]
        // In path order, so that a hash found twice (a copied file) leads to the first, as before.
        for path in hashed.sorted(by: LedgerWatch.inScanOrder) {
            guard let hash = files[path]?.hash, index[hash] == nil else { continue }
            index[hash] = path
        }
        orderedPaths = update.paths
        byHash = index
        decoy = index.values.min() ?? update.paths.first
    }

    /// The `status_token_sha256` value of a case file's front-matter, lowercase, if any.
    static func storedHash(in data: Data) -> String? {
        let marker = Data("\n\(StatusToken.field):".utf8)
        guard let range = data.range(of: marker) else { return nil }
        let line = data[range.upperBound...].prefix(200).prefix { $0 != 0x0A && $0 != 0x0D }
        let value = String(decoding: line, as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: " \t'\""))
        return value.isEmpty ? nil : value.lowercased()
    }
}

/// Size, modification time and inode of a file, as `lstat` gives them: what changes when a
/// file is written or replaced.
struct FileStamp: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var seconds: Int
    var nanoseconds: Int

    init?(path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        #if canImport(Darwin)
            seconds = Int(info.st_mtimespec.tv_sec)
            nanoseconds = Int(info.st_mtimespec.tv_nsec)
        #else
            seconds = Int(info.st_mtim.tv_sec)
            nanoseconds = Int(info.st_mtim.tv_nsec)
        #endif
    }
}
